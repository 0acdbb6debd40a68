// Long checkbox lists (a province's communes, a cluster's units): a filter box that ignores Vietnamese
// diacritics, "select the shown rows" / "clear" buttons and a count of the chosen. Without JavaScript the
// list is still there, in a scrolling box.
(function () {
  "use strict";
  var MANY = 12;
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }
  function enhance(box) {
    var items = Array.prototype.slice.call(box.querySelectorAll("input[type=checkbox]"));
    if (items.length <= MANY || box.dataset.ready) return;
    box.dataset.ready = "1";
    var rows = items.map(function (input) {
      var row = input.closest("div") || input.parentNode;
      return { input: input, row: row, text: fold(row.textContent || "") };
    });
    var tools = document.createElement("div");
    tools.className = "checklist-tools";
    var filter = document.createElement("input");
    filter.type = "search";
    filter.placeholder = box.dataset.filterPlaceholder || "";
    filter.setAttribute("aria-label", box.dataset.filterLabel || "");
    var all = document.createElement("button");
    all.type = "button";
    all.className = "secondary small";
    all.textContent = box.dataset.all || "All";
    var none = document.createElement("button");
    none.type = "button";
    none.className = "secondary small";
    none.textContent = box.dataset.none || "None";
    var count = document.createElement("span");
    count.className = "small muted";
    count.setAttribute("aria-live", "polite");
    tools.append(filter, all, none, count);
    box.parentNode.insertBefore(tools, box);
    function recount() {
      var n = rows.filter(function (r) { return r.input.checked; }).length;
      count.textContent = (box.dataset.count || "") + ": " + n + "/" + rows.length;
    }
    // Enter in the filter must not submit the form (a ballot or a payment cannot be taken back).
    filter.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault();
    });
    filter.addEventListener("input", function () {
      var words = fold(filter.value).split(/\s+/).filter(Boolean);
      rows.forEach(function (r) {
        r.row.hidden = !words.every(function (w) { return r.text.indexOf(w) >= 0; });
      });
    });
    all.addEventListener("click", function () {
      rows.forEach(function (r) { if (!r.row.hidden) r.input.checked = true; });
      recount();
    });
    none.addEventListener("click", function () {
      rows.forEach(function (r) { r.input.checked = false; });
      recount();
    });
    box.addEventListener("change", recount);
    recount();
  }
  function run() {
    Array.prototype.forEach.call(document.querySelectorAll(".checklist"), enhance);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
})();
