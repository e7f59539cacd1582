/* composedoc: pan and zoom for diagrams larger than the page (no dependency, works offline).
 *
 * A diagram (inline <svg> or an <object> holding an SVG asset) wider than the column or
 * taller than 80% of the window gets a fixed-height box in which the SVG's viewBox moves:
 * mouse wheel (with Ctrl, or once the diagram was clicked), drag, two-finger pinch,
 * keys + - 0 and arrows, buttons (zoom in, zoom out, reset, full window) and, for an asset,
 * a link to the SVG at full size. Node links keep working: only a drag swallows its click.
 */
(function () {
  "use strict";
  var STEP = 1.25;
  var PT = 4 / 3;

  function naturalSize(svg) {
    var box = svg.viewBox.baseVal;
    function length(name, fallback) {
      var text = svg.getAttribute(name) || "";
      var value = parseFloat(text);
      if (!value || /%$/.test(text)) return fallback;
      return /pt$/.test(text) ? value * PT : value;
    }
    return { w: length("width", box.width), h: length("height", box.height) };
  }

  function room(figure) {
    // Material shrinks a figure to its content: the column is what the page can show.
    return Math.max(1, (figure.parentElement || figure).clientWidth);
  }

  function button(tools, label, text, action) {
    var node = document.createElement("button");
    node.type = "button";
    node.className = "composedoc-tool";
    node.title = label;
    node.setAttribute("aria-label", label);
    node.textContent = text;
    node.addEventListener("click", function (event) {
      event.preventDefault();
      action();
    });
    tools.appendChild(node);
    return node;
  }

  function Zoom(holder, figure, svg, frame) {
    var natural = naturalSize(svg);
    var home = svg.viewBox.baseVal;
    home = { x: home.x, y: home.y, w: home.width, h: home.height };
    if (!home.w || !home.h) return;
    var width = room(figure);
    var tall = Math.round(window.innerHeight * 0.8);
    if (natural.w <= width + 1 && natural.h <= tall + 1) return;
    var view = { x: home.x, y: home.y, w: home.w, h: home.h };
    var pointers = {};
    var drag = null;
    var swallow = false;
    var active = false;
    var doc = svg.ownerDocument;
    var box = frame || svg;

    holder.classList.add("composedoc-pz");
    figure.classList.add("composedoc-zoomable");
    svg.setAttribute("width", "100%");
    svg.setAttribute("height", "100%");
    svg.setAttribute("preserveAspectRatio", "xMidYMin meet"); // no gap under the buttons
    svg.style.touchAction = "none";
    // Graphviz paints its background only inside the view box: the margins the zoomed-out
    // view leaves get the same colour (an <object> would show a white canvas in the dark).
    var paper = svg.querySelector("g.graph > polygon");
    if (paper && paper.getAttribute("fill")) svg.style.background = paper.getAttribute("fill");
    svg.style.cursor = "grab";
    if (!frame) holder.tabIndex = 0;

    function fit() {
      var scale = Math.min(1, room(figure) / natural.w);
      var height = Math.min(natural.h * scale, tall);
      box.style.height = Math.round(Math.max(height, Math.min(natural.h, 480, tall))) + "px";
    }

    function apply() {
      svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" "));
      holder.dataset.zoom = (home.w / view.w).toFixed(3);
    }

    function unit() {
      var matrix = svg.getScreenCTM();
      return matrix && matrix.a ? 1 / matrix.a : view.w / Math.max(1, svg.clientWidth);
    }

    function toUser(x, y) {
      var matrix = svg.getScreenCTM();
      if (!matrix) return { x: view.x + view.w / 2, y: view.y + view.h / 2 };
      var point = svg.createSVGPoint();
      point.x = x;
      point.y = y;
      point = point.matrixTransform(matrix.inverse());
      return { x: point.x, y: point.y };
    }

    function zoomAt(at, factor) {
      var most = Math.max(8, (3 * natural.w) / room(figure));
      var next = Math.min(Math.max(home.w / view.w * factor, 0.5), most);
      factor = next / (home.w / view.w);
      view.x = at.x - (at.x - view.x) / factor;
      view.y = at.y - (at.y - view.y) / factor;
      view.w /= factor;
      view.h /= factor;
      apply();
    }

    function centre() {
      return { x: view.x + view.w / 2, y: view.y + view.h / 2 };
    }

    function reset() {
      view = { x: home.x, y: home.y, w: home.w, h: home.h };
      apply();
    }

    function full() {
      var on = holder.classList.toggle("composedoc-full");
      document.documentElement.classList.toggle("composedoc-noscroll", on);
      if (on) box.style.height = "";
      else fit();
      reset();
    }

    function key(event) {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      var step = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
      if (event.key === "+" || event.key === "=") zoomAt(centre(), STEP);
      else if (event.key === "-" || event.key === "_") zoomAt(centre(), 1 / STEP);
      else if (event.key === "0") reset();
      else if (event.key === "Escape" && holder.classList.contains("composedoc-full")) full();
      else if (step[event.key]) {
        view.x += step[event.key][0] * view.w * 0.1;
        view.y += step[event.key][1] * view.h * 0.1;
        apply();
      } else return;
      event.preventDefault();
    }

    function down(event) {
      if (event.pointerType === "mouse" && event.button !== 0) return;
      active = true;
      swallow = false; // a drag that ended outside got no click: do not eat the next one
      pointers[event.pointerId] = { x: event.clientX, y: event.clientY };
      drag = { x: event.clientX, y: event.clientY, view: { x: view.x, y: view.y }, unit: unit() };
      drag.moved = false;
      if (!frame) holder.focus({ preventScroll: true });
    }

    function move(event) {
      if (!drag || !pointers[event.pointerId]) return;
      var ids = Object.keys(pointers);
      if (ids.length === 2) {
        var a = pointers[ids[0]];
        var b = pointers[ids[1]];
        var before = Math.hypot(a.x - b.x, a.y - b.y);
        pointers[event.pointerId] = { x: event.clientX, y: event.clientY };
        var after = Math.hypot(
          pointers[ids[0]].x - pointers[ids[1]].x,
          pointers[ids[0]].y - pointers[ids[1]].y
        );
        var mid = toUser((a.x + b.x) / 2, (a.y + b.y) / 2);
        if (before > 0) zoomAt(mid, after / before);
        drag.moved = true;
        return;
      }
      pointers[event.pointerId] = { x: event.clientX, y: event.clientY };
      var dx = event.clientX - drag.x;
      var dy = event.clientY - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) < 4) return;
      if (!drag.moved) {
        drag.moved = true;
        svg.setPointerCapture(event.pointerId);
        svg.style.cursor = "grabbing";
      }
      view.x = drag.view.x - dx * drag.unit;
      view.y = drag.view.y - dy * drag.unit;
      apply();
    }

    function up(event) {
      delete pointers[event.pointerId];
      if (drag && drag.moved) swallow = true;
      if (Object.keys(pointers).length === 0) drag = null;
      svg.style.cursor = "grab";
    }

    svg.addEventListener("pointerdown", down);
    svg.addEventListener("pointermove", move);
    svg.addEventListener("pointerup", up);
    svg.addEventListener("pointercancel", up);
    svg.addEventListener("pointerleave", function () {
      if (!drag) active = false;
    });
    svg.addEventListener(
      "click",
      function (event) {
        if (!swallow) return;
        swallow = false;
        event.preventDefault();
        event.stopPropagation();
      },
      true
    );
    svg.addEventListener(
      "wheel",
      function (event) {
        if (!(event.ctrlKey || event.metaKey || active)) return;
        event.preventDefault();
        var factor = Math.pow(STEP, Math.max(-4, Math.min(4, -event.deltaY / 100)));
        zoomAt(toUser(event.clientX, event.clientY), factor);
      },
      { passive: false }
    );
    (frame ? doc : holder).addEventListener("keydown", key);
    if (frame) holder.addEventListener("keydown", key);

    var tools = document.createElement("div");
    tools.className = "composedoc-tools";
    button(tools, "Zoom in (+)", "+", function () {
      zoomAt(centre(), STEP);
    });
    button(tools, "Zoom out (-)", "\u2212", function () {
      zoomAt(centre(), 1 / STEP);
    });
    button(tools, "Reset (0)", "Reset", reset);
    button(tools, "Full window (Esc closes)", "\u2922", full);
    if (frame && frame.data) {
      var open = document.createElement("a");
      open.className = "composedoc-tool";
      open.href = frame.data;
      open.target = "_blank";
      open.rel = "noopener";
      open.textContent = "Open full size";
      tools.appendChild(open);
    }
    holder.insertBefore(tools, holder.firstChild);
    fit();
    apply();
    window.addEventListener("resize", function () {
      if (!holder.classList.contains("composedoc-full")) fit();
    });
  }

  function svgOf(frame) {
    try {
      var doc = frame.contentDocument;
      var root = doc && doc.documentElement;
      return root && root.localName === "svg" ? root : null;
    } catch (error) {
      return null; // another origin (file://): the diagram stays as it is
    }
  }

  function prepare(holder, figure) {
    if (holder.dataset.composedocZoom) return;
    var inline = holder.querySelector(":scope > svg");
    var frame = holder.querySelector(":scope > object");
    if (inline) {
      holder.dataset.composedocZoom = "1";
      Zoom(holder, figure, inline, null);
    } else if (frame) {
      var start = function () {
        var svg = svgOf(frame);
        if (!svg || holder.dataset.composedocZoom) return;
        holder.dataset.composedocZoom = "1";
        Zoom(holder, figure, svg, frame);
      };
      frame.addEventListener("load", start);
      if (svgOf(frame) && frame.contentDocument.readyState === "complete") start();
    }
  }

  function scan() {
    var figures = document.querySelectorAll("figure.composedoc-diagram");
    Array.prototype.forEach.call(figures, function (figure) {
      Array.prototype.forEach.call(figure.children, function (holder) {
        if (!/composedoc-(light|dark)/.test(holder.className)) return;
        var watch = new ResizeObserver(function () {
          if (holder.clientWidth > 0 && figure.clientWidth > 0) {
            watch.disconnect();
            prepare(holder, figure);
          }
        });
        watch.observe(holder);
      });
    });
  }

  if (window.document$ && window.document$.subscribe) window.document$.subscribe(scan);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan);
  else scan();
})();
