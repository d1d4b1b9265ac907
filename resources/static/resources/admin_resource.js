// Show how much of the summary's limit is used while staff type it.
// The limit itself is enforced by the form; this only helps to stay within it.
(function () {
  "use strict";

  function attach() {
    const input = document.getElementById("id_summary");
    if (!input || !input.maxLength || input.maxLength < 1) {
      return;
    }
    const counter = document.createElement("div");
    counter.id = "id_summary_counter";
    counter.className = "help summary-counter";
    input.insertAdjacentElement("afterend", counter);
    const describedBy = input.getAttribute("aria-describedby");
    input.setAttribute(
      "aria-describedby",
      (describedBy ? describedBy + " " : "") + counter.id
    );
    function update() {
      const left = input.maxLength - input.value.length;
      counter.textContent =
        input.value.length + " of " + input.maxLength + " characters used" +
        (left <= 20 ? " (" + left + " left)" : "");
    }
    input.addEventListener("input", update);
    update();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", attach);
  } else {
    attach();
  }
})();
