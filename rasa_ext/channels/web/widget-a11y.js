// Accessibility of the rasa-webchat widget (docs/accessibility.md), for any page that shows it:
//   <script src=".../portal/assets/widget-a11y.js"></script>  (+ widget-a11y.css)
//   WebChatA11y.start({ title: "Muscle-twitch assistant" });   // before or after WebChat.default
// rasa-webchat 1.0.1 has no setting for any of this: its chat and send buttons have no name,
// its quick replies are <div>s a keyboard cannot reach, its message list scrolls without
// taking the focus and is no live region. After each render, names, roles and focus order are
// added to its elements (React keeps attributes it does not manage), and a quick reply answers
// Enter and Space.
(function () {
  "use strict";

  function set(el, name, value) {
    if (el && el.getAttribute(name) !== value) el.setAttribute(name, value);
  }

  function each(selector, fn) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), fn);
  }

  function enhance(title) {
    var container = document.querySelector(".rw-widget-container");
    var open = !!container && container.classList.contains("rw-chat-open");
    each(".rw-launcher", function (el) {
      set(el, "aria-label", title + " (chat)");
      set(el, "aria-expanded", String(open));
    });
    each(".rw-send", function (el) { set(el, "aria-label", "Send"); });
    each(".rw-close-button", function (el) { set(el, "aria-label", "Close the chat"); });
    each(".rw-toggle-fullscreen-button", function (el) {
      var full = !!el.querySelector(".rw-fullScreenExitImage");
      set(el, "aria-label", full ? "Leave full screen" : "Full screen");
    });
    each(".rw-new-message", function (el) { set(el, "aria-label", "Your message"); });
    // The open chat is a landmark named after the assistant, its title a level-2 heading
    // (rasa-webchat renders an h4).
    each(".rw-conversation-container", function (el) {
      set(el, "role", "region");
      set(el, "aria-label", title);
    });
    each(".rw-title", function (el) { set(el, "aria-level", "2"); });
    // The conversation: a log (polite live region: new bot messages are read out when the
    // reader is idle) that takes the focus, so it can be scrolled with the arrow keys.
    each(".rw-messages-container", function (el) {
      set(el, "role", "log");
      set(el, "aria-live", "polite");
      set(el, "aria-label", "Conversation with the " + title);
      set(el, "tabindex", "0");
    });
    // Avatars repeat beside every message: decorative, not read out with each one.
    each(".rw-avatar", function (el) { set(el, "alt", ""); });
    // Quick replies (links are focusable already): buttons in the tab order.
    each("div.rw-reply", function (el) {
      set(el, "role", "button");
      set(el, "tabindex", "0");
    });
  }

  function onKey(event) {
    var reply = event.target.closest && event.target.closest("div.rw-reply");
    if (!reply || (event.key !== "Enter" && event.key !== " ")) return;
    event.preventDefault(); // Space would scroll
    reply.click(); // the widget's own handler sends the payload
    // The replies go with the answer: the focus goes back to the text field, not the page.
    var field = document.querySelector(".rw-new-message");
    if (field) field.focus();
  }

  var started = false;
  window.WebChatA11y = {
    start: function (options) {
      var title = (options && options.title) || "Assistant";
      if (started) return;
      started = true;
      if (!document.body) { // called from the <head>
        document.addEventListener("DOMContentLoaded", function () {
          started = false;
          window.WebChatA11y.start(options);
        });
        return;
      }
      new MutationObserver(function () { enhance(title); }).observe(document.body, {
        childList: true, subtree: true, attributes: true, attributeFilter: ["class"],
      });
      document.addEventListener("keydown", onKey);
      enhance(title);
    },
  };
})();
