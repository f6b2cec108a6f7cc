// Starts the rasa-webchat widget with the settings of /portal/config.json.
// body[data-widget] is "launcher" (chat button, demo portal) or "embedded" (iframe page).
(function () {
  "use strict";
  function start(cfg) {
    var embedded = document.body.getAttribute("data-widget") === "embedded";
    window.WebChatA11y.start({ title: cfg.title }); // widget-a11y.js
    window.WebChat.default(
      {
        socketUrl: cfg.socketUrl || window.location.origin,
        socketPath: cfg.socketPath,
        title: cfg.title,
        subtitle: cfg.subtitle,
        initPayload: cfg.initPayload,
        inputTextFieldHint: cfg.inputTextFieldHint,
        profileAvatar: "assets/avatar.svg",
        mainColor: "#0b6e6e",
        userBackgroundColor: "#0b6e6e",
        userTextColor: "#ffffff",
        customData: { language: "en" },
        params: { storage: "local" },
        embedded: embedded,
        showFullScreenButton: !embedded,
        selector: embedded ? "#webchat" : undefined,
      },
      null
    );
  }
  fetch("config.json", { credentials: "same-origin" })
    .then(function (r) {
      if (!r.ok) throw new Error("config.json: HTTP " + r.status);
      return r.json();
    })
    .then(start)
    .catch(function (err) {
      console.error("widget not started:", err);
    });
})();
