// A little progressive enhancement; every page works without it.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    // As the GOV.UK error summary does: move the focus to the list of
    // problems so a screen reader reads it first.
    var summary = document.getElementById("error-summary");
    if (summary) {
      summary.focus();
    }
    // Print (or save as PDF) from the agreement page.
    var print = document.getElementById("print-page");
    if (print) {
      print.hidden = false;
      print.addEventListener("click", function () {
        window.print();
      });
    }
  });
})();
