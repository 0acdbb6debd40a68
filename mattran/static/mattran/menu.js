// The site's small script. The phone menu: under 640 px the sections fold behind one button that opens the full list. Loaded in
// <head> so the "js" class is set before the page is drawn; without JavaScript every section shows, wrapped.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  document.addEventListener("DOMContentLoaded", function () {
    // A table wider than the phone scrolls sideways in its box: the box takes the keyboard's focus so it can
    // be scrolled without a mouse (WCAG 2.1.1).
    Array.prototype.forEach.call(document.querySelectorAll(".table-wrap"), function (box) {
      if (box.scrollWidth > box.clientWidth && !box.hasAttribute("tabindex")) box.setAttribute("tabindex", "0");
    });
    var button = document.querySelector(".menu-toggle");
    var nav = document.getElementById("main-nav");
    if (!button || !nav) return;
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", open ? "true" : "false");
      nav.classList.toggle("open", open);
    });
  });
})();
