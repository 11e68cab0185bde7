// The Mercato demo storefront: plain JavaScript over the example store's HTTP API.
// Browse and search products, keep a cart (its id in localStorage), apply a promotion code,
// set an address, pick shipping and place the order with the in-process test payment provider.

const $ = (selector) => document.querySelector(selector)
const state = {
  currency: localStorage.getItem('mercato.currency') ?? 'USD',
  cart: null,
  totals: null,
  cursor: null,
  q: '',
}

/** Formats minor units without floating point: 123456 USD -> "$1,234.56". */
const money = (m) => {
  if (!m) return ''
  const sign = m.amount < 0 ? '-' : ''
  const abs = Math.abs(m.amount)
  const units = Math.trunc(abs / 100).toLocaleString('en-US')
  const cents = String(abs % 100).padStart(2, '0')
  const symbol = m.currency === 'USD' ? '$' : m.currency === 'EUR' ? '€' : `${m.currency} `
  return `${sign}${symbol}${units}.${cents}`
}

const say = (text) => {
  $('#message').textContent = text ?? ''
}

/** Calls the API; a problem (RFC 9457) becomes a thrown Error with the problem attached. */
const api = async (method, path, body, headers = {}) => {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const data = response.status === 204 ? undefined : await response.json()
  if (!response.ok) {
    const error = new Error(data?.detail ?? data?.title ?? `HTTP ${response.status}`)
    error.problem = data
    throw error
  }
  return data
}

const explain = (problem) => {
  if (!problem) return 'Something went wrong.'
  if (problem.code === 'ValidationFailed') return `Please check: ${problem.errors.map((e) => e.pointer).join(', ')}`
  if (problem.code === 'InsufficientStock') return `Only ${problem.available} left of ${problem.sku}.`
  if (problem.code === 'PaymentDeclined') return 'Your card was declined. Try another test card.'
  return problem.title
}

const guard =
  (fn) =>
  async (...args) => {
    try {
      say('')
      await fn(...args)
    } catch (error) {
      say(explain(error.problem))
    }
  }

// -- catalog ------------------------------------------------------------------------------

const priceIn = (variant) => variant.prices.find((p) => p.currency === state.currency)

const productCard = (product) => {
  const card = document.createElement('article')
  card.className = 'product'
  card.dataset.testid = 'product'
  card.dataset.productId = product.id
  const variants = product.variants.filter((v) => priceIn(v))
  card.innerHTML = `<h3></h3><p class="description"></p><span class="price"></span>
    <select aria-label="Variant"></select><button type="button">Add to cart</button>`
  card.querySelector('h3').textContent = product.name
  card.querySelector('.description').textContent = product.description
  const select = card.querySelector('select')
  for (const v of variants) {
    const option = document.createElement('option')
    option.value = v.id
    option.textContent = `${Object.values(v.options).join(' / ') || v.sku} — ${money(priceIn(v))}`
    select.append(option)
  }
  const showPrice = () => {
    const v = variants.find((x) => x.id === select.value)
    card.querySelector('.price').textContent = v ? money(priceIn(v)) : 'Not sold in this currency'
  }
  select.addEventListener('change', showPrice)
  showPrice()
  card.querySelector('button').addEventListener(
    'click',
    guard(async () => {
      await ensureCart()
      const result = await api('POST', `/carts/${state.cart.id}/items`, {
        productId: product.id,
        variantId: select.value,
        quantity: 1,
      })
      render(result)
      say(`Added ${product.name}.`)
    }),
  )
  return card
}

const loadProducts = async (append = false) => {
  const params = new URLSearchParams({ limit: '12' })
  if (state.q) params.set('q', state.q)
  if (append && state.cursor) params.set('cursor', state.cursor)
  const page = await api('GET', `/products?${params}`)
  const list = $('#products')
  if (!append) list.replaceChildren()
  for (const product of page.items) list.append(productCard(product))
  state.cursor = page.nextCursor
  $('#more').hidden = page.nextCursor === null
  if (!append && page.items.length === 0) list.textContent = 'No products match.'
}

// -- cart ---------------------------------------------------------------------------------

const ensureCart = async () => {
  if (state.cart && state.cart.status !== 'completed' && state.cart.currency === state.currency) return
  const created = await api('POST', '/carts', { currency: state.currency })
  localStorage.setItem('mercato.cartId', created.cart.id)
  render(created)
}

const render = ({ cart, totals }) => {
  state.cart = cart
  state.totals = totals
  const count = cart.lines.reduce((n, l) => n + l.quantity, 0)
  $('#cart-count').textContent = `Cart: ${count}`
  const lines = $('#lines')
  lines.replaceChildren()
  for (const line of cart.lines) {
    const priced = totals.lines.find((p) => p.lineId === line.lineId)
    const li = document.createElement('li')
    li.dataset.testid = 'line'
    li.innerHTML = `<span class="title"></span><input type="number" min="0" max="999" aria-label="Quantity" />
      <span class="amount"></span><button type="button" aria-label="Remove">✕</button>`
    li.querySelector('.title').textContent = line.title
    const qty = li.querySelector('input')
    qty.value = String(line.quantity)
    li.querySelector('.amount').textContent = money(priced?.total ?? priced?.subtotal ?? priced?.lineTotal)
    qty.addEventListener(
      'change',
      guard(async () =>
        render(await api('PATCH', `/carts/${cart.id}/items/${line.lineId}`, { quantity: Number(qty.value) })),
      ),
    )
    li.querySelector('button').addEventListener(
      'click',
      guard(async () => render(await api('DELETE', `/carts/${cart.id}/items/${line.lineId}`))),
    )
    lines.append(li)
  }
  const promotions = $('#promotions')
  promotions.replaceChildren()
  for (const p of totals.promotions) {
    const li = document.createElement('li')
    li.dataset.testid = 'promotion'
    li.textContent = p.applied
      ? `${p.code ?? 'Automatic'}: applied`
      : `${p.code ?? 'Promotion'}: not applied (${p.reason?._tag ?? p.reason})`
    promotions.append(li)
  }
  const select = $('#shipping-method')
  select.replaceChildren()
  const none = document.createElement('option')
  none.value = ''
  none.textContent = totals.availableShippingMethods.length ? 'Choose…' : 'Set an address first'
  select.append(none)
  for (const m of totals.availableShippingMethods) {
    const option = document.createElement('option')
    option.value = m.methodId
    option.textContent = `${m.name} — ${money(m.amount)}`
    select.append(option)
  }
  select.value = cart.shippingMethodId ?? ''
  const rows = [
    ['Subtotal', totals.subtotal],
    ['Discount', totals.discountTotal],
    ['Shipping', totals.shipping?.total],
    ['Tax', totals.taxTotal],
    ['Total', totals.grandTotal],
  ]
  $('#totals').innerHTML = rows
    .filter(([, m]) => m)
    .map(([label, m]) => `<dt>${label}</dt><dd data-testid="total-${label.toLowerCase()}">${money(m)}</dd>`)
    .join('')
}

// -- wiring -------------------------------------------------------------------------------

$('#search-form').addEventListener(
  'submit',
  guard(async (event) => {
    event.preventDefault()
    state.q = $('#search').value.trim()
    await loadProducts()
  }),
)
$('#more').addEventListener(
  'click',
  guard(() => loadProducts(true)),
)
$('#currency').value = state.currency
$('#currency').addEventListener(
  'change',
  guard(async () => {
    state.currency = $('#currency').value
    localStorage.setItem('mercato.currency', state.currency)
    state.cart = null
    localStorage.removeItem('mercato.cartId')
    await ensureCart()
    await loadProducts()
  }),
)
$('#code-form').addEventListener(
  'submit',
  guard(async (event) => {
    event.preventDefault()
    await ensureCart()
    render(await api('POST', `/carts/${state.cart.id}/codes`, { code: $('#code').value.trim() }))
    $('#code').value = ''
  }),
)
$('#address-form').addEventListener(
  'submit',
  guard(async (event) => {
    event.preventDefault()
    await ensureCart()
    const fields = Object.fromEntries(new FormData(event.target))
    const address = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== ''))
    render(await api('PUT', `/carts/${state.cart.id}/shipping-address`, address))
    say('Address saved: choose a shipping method.')
  }),
)
$('#shipping-method').addEventListener(
  'change',
  guard(async () => {
    if (!$('#shipping-method').value) return
    render(await api('PUT', `/carts/${state.cart.id}/shipping-method`, { methodId: $('#shipping-method').value }))
  }),
)
$('#checkout-form').addEventListener(
  'submit',
  guard(async (event) => {
    event.preventDefault()
    const form = new FormData(event.target)
    // One key per attempt: a double click or a retry of the same attempt places one order.
    const key = `${state.cart.id}:${crypto.randomUUID()}`
    $('#place-order').disabled = true
    try {
      const result = await api(
        'POST',
        '/checkout',
        { cartId: state.cart.id, email: form.get('email'), payment: { method: form.get('method') } },
        { 'idempotency-key': key },
      )
      $('#order-id').textContent = result.orderId
      $('#order-status').textContent = result.status
      $('#order-total').textContent = money(
        result.totals?.grandTotal ?? result.totals?.total ?? state.totals.grandTotal,
      )
      $('#confirmation').hidden = false
      $('main').hidden = true
      localStorage.removeItem('mercato.cartId')
      state.cart = null
    } finally {
      $('#place-order').disabled = false
    }
  }),
)
$('#continue').addEventListener(
  'click',
  guard(async () => {
    $('#confirmation').hidden = true
    $('main').hidden = false
    await ensureCart()
  }),
)

const start = async () => {
  const saved = localStorage.getItem('mercato.cartId')
  if (saved) {
    try {
      render(await api('GET', `/carts/${saved}`))
    } catch {
      localStorage.removeItem('mercato.cartId')
    }
  }
  await loadProducts()
  document.body.dataset.ready = 'true'
}
guard(start)()
