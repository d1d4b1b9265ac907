// Small enhancements on top of pages that work without JavaScript.
(function () {
  "use strict";

  // After a vote or an endorsement is swapped in place, put focus back on
  // the button the member pressed (or the first one), so keyboard users
  // keep their place.
  let lastVote = null;
  document.addEventListener("htmx:beforeRequest", function (event) {
    const submitter = event.detail.requestConfig && event.detail.requestConfig.triggeringEvent
      ? event.detail.requestConfig.triggeringEvent.submitter
      : null;
    lastVote = submitter ? submitter.value : null;
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    const widget = event.detail.target;
    const swapped = ["vote", "endorsements"];
    if (!widget || !widget.classList || !swapped.some((name) => widget.classList.contains(name))) {
      return;
    }
    const fresh = document.getElementById(widget.id) || widget;
    const button =
      fresh.querySelector('button[value="' + lastVote + '"]') ||
      fresh.querySelector("button");
    if (button) {
      button.focus();
    }
    // The widget itself was replaced, so announce the new count through a
    // live region that stays on the page.
    const count =
      fresh.querySelector(".helpful-count") ||
      fresh.querySelector(".endorse-status") ||
      fresh.querySelector(".endorsed-by");
    const announcer = document.getElementById("announcer");
    if (count && announcer) {
      announcer.textContent = count.textContent.replace(/\s+/g, " ").trim();
    }
  });

  // The phone menu: the button shows and hides the header's links. Wide
  // screens never show the button (site.css), so the menu stays open there.
  const toggle = document.querySelector(".menu-toggle");
  const menu = document.getElementById("site-menu");
  if (toggle && menu) {
    toggle.addEventListener("click", function () {
      const open = menu.classList.toggle("is-open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.classList.contains("is-open")) {
        menu.classList.remove("is-open");
        toggle.setAttribute("aria-expanded", "false");
        toggle.focus();
      }
    });
  }
})();
