(function () {
  "use strict";
  var slides = Array.prototype.slice.call(document.querySelectorAll("section.slide"));
  var current = 0, step = 0;
  document.documentElement.className += " js";
  function steps(n) { return slides[n].querySelector(".answer") ? 2 : 1; }
  function show(n, s) {
    current = Math.max(0, Math.min(slides.length - 1, n));
    step = Math.max(0, Math.min(steps(current) - 1, s));
    for (var k = 0; k < slides.length; k++) {
      slides[k].classList.toggle("current", k === current);
      slides[k].classList.toggle("revealed", k === current && step > 0);
      slides[k].setAttribute("aria-hidden", k === current ? "false" : "true");
    }
    fit(slides[current]);
    document.body.setAttribute("data-slide", String(current + 1));
    document.body.setAttribute("data-step", String(step + 1));
    var hash = "#" + (current + 1) + (step > 0 ? "." + (step + 1) : "");
    if (location.hash !== hash) { try { history.replaceState(null, "", hash); } catch (e) { /* file: URLs may refuse */ } }
  }
  function overflows(slide) {
    var bar = slide.querySelector("footer.bar"), limit = bar ? bar.getBoundingClientRect().top : window.innerHeight, bottom = 0;
    for (var c = slide.firstElementChild; c; c = c.nextElementSibling) {
      if (c !== bar) { bottom = Math.max(bottom, c.getBoundingClientRect().bottom); }
    }
    return bottom > limit;
  }
  function fit(slide) {
    /* Long evidence: shrink this slide's type step by step until it fits above its footer (never below 60%). */
    slide.style.fontSize = "";
    var base = parseFloat(getComputedStyle(slide).fontSize), scale = 1;
    while (overflows(slide) && scale > 0.6) {
      scale -= 0.05;
      slide.style.fontSize = (base * scale) + "px";
    }
  }
  function next() { if (step + 1 < steps(current)) { show(current, step + 1); } else if (current + 1 < slides.length) { show(current + 1, 0); } }
  function back() { if (step > 0) { show(current, step - 1); } else if (current > 0) { show(current - 1, steps(current - 1) - 1); } }
  function fromHash() {
    var m = /^#(\d+)(?:\.(\d+))?$/.exec(location.hash);
    if (m) { show(parseInt(m[1], 10) - 1, m[2] ? parseInt(m[2], 10) - 1 : 0); } else { show(current, step); }
  }
  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) { return; }
    var k = e.key;
    if (k === "ArrowRight" || k === "ArrowDown" || k === "PageDown" || k === " " || k === "Enter" || k === "n") { next(); }
    else if (k === "ArrowLeft" || k === "ArrowUp" || k === "PageUp" || k === "Backspace" || k === "p") { back(); }
    else if (k === "Home") { show(0, 0); }
    else if (k === "End") { show(slides.length - 1, 0); }
    else { return; }
    e.preventDefault();
  });
  document.addEventListener("click", function (e) {
    if (e.target.closest && e.target.closest("a")) { return; }
    if (e.clientX < window.innerWidth / 4) { back(); } else { next(); }
  });
  window.addEventListener("hashchange", fromHash);
  window.addEventListener("resize", function () { fit(slides[current]); });
  fromHash();
})();
