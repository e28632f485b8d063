// Live reload for `build.py serve` (added to pages by the preview server only, never to the built site).
// Listens to the server's events: reload the page, swap the stylesheets, or show the build's errors.
(() => {
  "use strict";
  const me = document.currentScript;
  let build = me ? me.dataset.build : null; // the build this page comes from
  const OVERLAY_ID = "revdoor-errors";

  function clearOverlay() {
    const old = document.getElementById(OVERLAY_ID);
    if (old) old.remove();
  }

  function showOverlay(lines) {
    clearOverlay();
    const box = document.createElement("div");
    box.id = OVERLAY_ID;
    box.setAttribute("role", "alert");
    Object.assign(box.style, {
      position: "fixed", inset: "0 0 auto 0", zIndex: "2147483647", maxHeight: "70vh", overflow: "auto",
      background: "#2b0b0e", color: "#ffe9e9", font: "14px/1.5 ui-monospace, monospace",
      padding: "1em 1.5em", borderBottom: "4px solid #e5484d", boxShadow: "0 4px 24px rgba(0,0,0,.4)",
    });
    const title = document.createElement("strong");
    title.textContent = "The site did not rebuild; the last good version is shown underneath. Fix and save:";
    const list = document.createElement("ul");
    Object.assign(list.style, { margin: ".5em 0 0", paddingLeft: "1.2em" });
    for (const line of lines) {
      const item = document.createElement("li");
      item.textContent = line;
      list.append(item);
    }
    box.append(title, list);
    document.body.append(box);
  }

  function swapStylesheets() {
    // The new sheet goes in next to the old one, which leaves once it has loaded: no flash of unstyled page.
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href);
      url.searchParams.set("revdoor", String(Date.now()));
      const fresh = link.cloneNode();
      fresh.href = url.href;
      const done = () => link.remove();
      fresh.addEventListener("load", done);
      fresh.addEventListener("error", done);
      link.after(fresh);
    }
  }

  const data = (event) => JSON.parse(event.data);
  const source = new EventSource("/__revdoor/events");
  source.addEventListener("hello", (event) => {
    const now = data(event).build;
    if (build !== null && build !== now) location.reload(); // rebuilt while this page was loading or away
    build = now;
  });
  source.addEventListener("reload", () => location.reload());
  source.addEventListener("css", (event) => {
    build = data(event).build;
    clearOverlay();
    swapStylesheets();
  });
  source.addEventListener("errors", (event) => showOverlay(data(event)));
  window.addEventListener("pagehide", () => source.close());
})();
