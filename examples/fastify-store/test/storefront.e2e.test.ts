/**
 * The storefront page end to end, in headless Chromium (Debian's `chromium` package driven by
 * playwright-core): browse, search, add to cart, apply a promotion code, set the address,
 * choose shipping, pay with the test provider, see the confirmation — then check the order
 * through the API. Without a Chromium this skips loudly, and fails under `CI=true`.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createStoreApp, type StoreApp } from '@mercato-examples/http'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildFastifyApp } from '../src/app.js'

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const haveChromium = existsSync(executablePath)
if (!haveChromium) {
  const message = `the storefront test needs Chromium at ${executablePath} (apt-get install -y chromium)`
  if (process.env.CI === 'true') throw new Error(`[mercato] ${message}`)
  console.warn(`\n[mercato] SKIPPING THE BROWSER TEST: ${message}\n`)
}

describe.skipIf(!haveChromium)('storefront in headless Chromium', () => {
  let dir: string
  let store: StoreApp
  let app: ReturnType<typeof buildFastifyApp>
  let browser: Browser
  let url: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mercato-e2e-'))
    store = await createStoreApp({
      database:
        process.env.MERCATO_E2E_MEMORY === 'true'
          ? { kind: 'memory' }
          : { kind: 'sqlite', filename: join(dir, 'store.db') },
      port: 0,
      host: '127.0.0.1',
      adminToken: undefined,
      seed: true,
      captureMode: 'on-fulfilment',
      bodyLimitBytes: 100_000,
    })
    app = buildFastifyApp({ routes: store.routes, adminToken: undefined, bodyLimitBytes: 100_000 })
    await app.listen({ port: 0, host: '127.0.0.1' })
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
    browser = await chromium.launch({
      executablePath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    })
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await app?.close()
    await store?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('browses, searches, applies a code and places an order', async () => {
    const page = await browser.newPage()
    page.setDefaultTimeout(10_000)
    const pageErrors: Array<string> = []
    page.on('pageerror', (error) => pageErrors.push(error.message))
    await page.goto(url)
    await page.waitForSelector('body[data-ready="true"]')
    expect(await page.locator('[data-testid="product"]').count()).toBe(12)

    // Search.
    await page.fill('#search', 'classic')
    await page.click('#search-form button')
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="product"]').length === 1)
    const card = page.locator('[data-testid="product"]', { hasText: 'Classic Tee' })
    await card.locator('select').selectOption('var_classic-tee_m')
    await card.locator('button').click()
    await card.locator('button').click()
    await page.waitForFunction(() => document.querySelector('[data-testid="cart-count"]')?.textContent === 'Cart: 2')
    expect(await page.textContent('[data-testid="total-subtotal"]')).toBe('$41.80')

    // Promotion code.
    await page.fill('#code', 'WELCOME10')
    await page.click('#code-form button')
    await page.waitForSelector('[data-testid="promotion"]')
    expect(await page.textContent('[data-testid="promotions"]')).toContain('WELCOME10: applied')
    expect(await page.textContent('[data-testid="total-discount"]')).toBe('$4.18')

    // Address and shipping.
    await page.fill('#address-form [name="name"]', 'Ada Lovelace')
    await page.fill('#address-form [name="line1"]', '1 Market St')
    await page.fill('#address-form [name="city"]', 'San Francisco')
    await page.fill('#address-form [name="region"]', 'CA')
    await page.selectOption('#address-form [name="country"]', 'US')
    await page.click('#address-form button')
    await page.waitForSelector('#shipping-method option[value="us-standard"]', { state: 'attached' })
    await page.selectOption('#shipping-method', 'us-standard')
    await page.waitForSelector('[data-testid="total-shipping"]')
    const total = await page.textContent('[data-testid="total-total"]')

    // Checkout with the test card.
    await page.fill('#checkout-form [name="email"]', 'ada@example.com')
    await page.selectOption('#checkout-form [name="method"]', 'pm_card_visa')
    await page.click('#place-order')
    await page.waitForSelector('[data-testid="confirmation"]:not([hidden])')
    const orderId = (await page.textContent('[data-testid="order-id"]')) ?? ''
    expect(orderId).not.toBe('')
    expect(await page.textContent('[data-testid="order-total"]')).toBe(total)
    expect(pageErrors).toEqual([])

    // The order is there behind the API.
    const order = await fetch(`${url}/orders/${encodeURIComponent(orderId)}`)
    expect(order.status).toBe(200)
    expect(JSON.stringify(await order.json())).toContain('ada@example.com')
    await page.close()
  }, 60_000)
})
