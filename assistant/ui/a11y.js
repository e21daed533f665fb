// Accessibility fixes for markup that Gradio renders itself (found by the axe-core audits of
// tests/test_ui_browser.py): the cited-page preview wraps its image in a button with no name,
// and an empty file box puts aria-label on a plain <div>, where ARIA prohibits it.
(() => {
  const fix = () => {
    document.querySelectorAll("#preview .image-container > button:not([aria-label])").forEach((b) => {
      b.setAttribute("aria-label", "Cited page, with the quoted passage highlighted");
    });
    document.querySelectorAll("div.empty[aria-label]:not([role])").forEach((d) => {
      d.setAttribute("role", "note");
    });
  };
  new MutationObserver(fix).observe(document.documentElement, { childList: true, subtree: true });
})();
