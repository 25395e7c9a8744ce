/* global window, document */
/**
 * Runs inside the page (browser.ts serves it): draws every ```mermaid block as GitHub does, with each
 * <details> opened as a reader opens it, folds them back, and reports what a reader would stumble on.
 */
window.checkReport = async function checkReport() {
  const mermaid = window.mermaid
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' })
  const folded = [...document.querySelectorAll('details')].filter(d => !d.open)
  for (const d of folded) d.open = true
  const errors = []
  const blocks = [...document.querySelectorAll('pre > code.language-mermaid')]
  for (const [i, code] of blocks.entries()) {
    const text = code.textContent ?? ''
    try {
      await mermaid.parse(text)
      const { svg } = await mermaid.render(`chart${i}`, text)
      const holder = document.createElement('div')
      holder.className = 'mermaid-chart'
      holder.innerHTML = svg
      code.parentElement.replaceWith(holder)
    } catch (error) {
      const message = String(error && error.message ? error.message : error)
      errors.push(`chart ${i + 1}: ${message.split('\n').slice(0, 3).join(' ')}`)
    }
  }
  for (const d of folded) d.open = false
  const text = document.querySelector('article').innerText
  return {
    mermaidErrors: errors,
    mermaidCharts: blocks.length,
    tables: document.querySelectorAll('table').length,
    tableLikeText: [...document.querySelectorAll('p')]
      .map(p => p.textContent ?? '')
      .filter(t => t.trim().startsWith('|')),
    leakedMarkup: text.split('\n').filter(line => /\*\*|⟦|⟧/.test(line))
  }
}
