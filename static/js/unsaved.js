// Nothing a member does is lost without a word: what they type in a post
// form is kept in this browser until the site has saved it, and a vote that
// could not be saved says so where it was cast. Pages work without it.
(function () {
  "use strict";

  // --- Drafts -------------------------------------------------------------
  //
  // Each textarea of a form that posts is kept in localStorage under its
  // form's address and its name, so the reply box of a thread and the one on
  // the 503 page that carries it back share one draft. Sending the form
  // notes the draft as sent (in sessionStorage, for this tab). The page that
  // comes next tells how it went: the same form filled in again means it was
  // not saved (a mistake to fix, a limit, the database away), so the draft
  // stays; a success message means it was, so the draft goes. Anything else
  // (an error page without this script, another page) leaves the question
  // open until a page answers it, for SENT_FOR at most.

  const PREFIX = "draft:";
  const SENT = "drafts-sent";
  const SENT_FOR = 10 * 60 * 1000;

  function usable(name) {
    try {
      const store = window[name];
      store.setItem("drafts-probe", "1");
      store.removeItem("drafts-probe");
      return store;
    } catch (error) {
      return null; // Storage switched off, full, or in a private window.
    }
  }
  const drafts = usable("localStorage");
  const tab = usable("sessionStorage");

  function keyOf(field) {
    const action = new URL(field.form.getAttribute("action") || "", location.href);
    return PREFIX + action.pathname + action.search + "#" + field.name;
  }

  function readSent() {
    try {
      return JSON.parse(tab.getItem(SENT)) || {};
    } catch (error) {
      return {};
    }
  }

  function save(field) {
    if (field.value.trim()) {
      drafts.setItem(keyOf(field), field.value);
    } else {
      drafts.removeItem(keyOf(field));
    }
  }

  function setUpDrafts() {
    const fields = Array.from(
      document.querySelectorAll('form[method="post" i] textarea[name]')
    );
    const here = new Map(fields.map(function (field) { return [keyOf(field), field]; }));
    const saved = document.querySelector(".messages .alert-success") !== null;
    const sent = readSent();
    const now = Date.now();
    Object.keys(sent).forEach(function (key) {
      const field = here.get(key);
      if (now - sent[key] > SENT_FOR) {
        delete sent[key];
      } else if (field && field.value.trim()) {
        delete sent[key]; // Sent back filled in: not saved, keep the draft.
      } else if (saved) {
        delete sent[key];
        drafts.removeItem(key);
      }
    });
    tab.setItem(SENT, JSON.stringify(sent));

    fields.forEach(function (field) {
      const key = keyOf(field);
      const draft = drafts.getItem(key);
      if (field.value.trim()) {
        save(field); // What the server sent back is the newest copy.
      } else if (draft) {
        field.value = draft;
      }
      field.addEventListener("input", function () { save(field); });
    });

    document.addEventListener("submit", function (event) {
      const sentNow = readSent();
      let any = false;
      fields.forEach(function (field) {
        if (field.form === event.target && field.value.trim()) {
          save(field);
          sentNow[keyOf(field)] = Date.now();
          any = true;
        }
      });
      if (any) {
        tab.setItem(SENT, JSON.stringify(sentNow));
      }
    });
  }

  if (drafts && tab) {
    setUpDrafts();
  }

  // --- Votes ----------------------------------------------------------------

  const VOTE_FAILED = "Your vote was not saved. Try again.";
  const ENDORSEMENT_FAILED = "Your endorsement was not saved. Try again.";

  function voteFailed(event) {
    const source = event.detail && event.detail.elt;
    const widget = source && source.closest ? source.closest(".vote, .endorsements") : null;
    if (!widget) {
      return;
    }
    const message = widget.classList.contains("vote") ? VOTE_FAILED : ENDORSEMENT_FAILED;
    let note = widget.querySelector(".vote-failed");
    if (!note) {
      note = document.createElement("p");
      note.className = "vote-status error vote-failed";
      widget.appendChild(note);
    }
    note.textContent = message;
    // The page's live region says it to screen reader users, who may not be
    // looking at the widget; emptied first so a second failure is said too.
    const announcer = document.getElementById("announcer");
    if (announcer) {
      announcer.textContent = "";
      window.setTimeout(function () { announcer.textContent = message; }, 50);
    }
  }
  document.addEventListener("htmx:responseError", voteFailed);
  document.addEventListener("htmx:sendError", voteFailed);
})();
