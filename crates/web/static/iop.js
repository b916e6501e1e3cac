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
    // Copy a calendar subscription's address. Without the script (or the
    // clipboard) the address stays selectable text beside the button.
    var copy = document.querySelectorAll("button[data-copy]");
    Array.prototype.forEach.call(copy, function (button) {
      var field = document.getElementById(button.getAttribute("data-copy"));
      var status = document.getElementById("copy-status");
      if (!field || !navigator.clipboard) {
        return;
      }
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(field.value).then(function () {
          if (status) {
            status.textContent = status.getAttribute("data-copied");
          }
        }, function () {
          field.select();
        });
      });
    });
  });
})();
