// kg graph page: draws the data block with vis-network, labels it, filters it by type and date, and shows evidence
// on hover and click. Every string from the graph (names, quotes, headlines) goes into the DOM as text, never as
// HTML, and onto the canvas with fillText.
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  function byId(id) { return document.getElementById(id); }
  var container = byId("kg-network");
  var details = byId("kg-details");
  var tooltip = byId("kg-tooltip");
  var search = byId("kg-search");
  var FADED = "rgba(190,196,202,0.35)";
  var MAX_LISTED = 50;
  var TOP_LABELLED = 20;     // the most connected entities always carry a label
  var LABEL_CHARS = 36;
  var FONT = "Helvetica, Arial, sans-serif";
  var EDGE_LABEL_ZOOM = 0.6; // from this zoom on, edges are labelled where there is room
  var NODE_SIZE = [8, 34];   // radius of the least and the most connected entity at 100 % zoom
  var EDGE_WIDTH = [1, 4.5]; // width of a one-fact and a six-fact edge at 100 % zoom
  var DAY_MS = 86400000;

  // --- indexes -------------------------------------------------------------------------------------
  var nodeCount = data.nodes.length;
  var bySubject = [], byTarget = [];
  var maxValue = 1;
  data.nodes.forEach(function (n) { bySubject.push([]); byTarget.push([]); maxValue = Math.max(maxValue, n.value); });
  data.facts.forEach(function (f, i) {
    bySubject[f.subject].push(i);
    f.targets.forEach(function (t) { byTarget[t[0]].push(i); });
  });
  var dashedEdges = data.edges.filter(function (e) { return e.dashes; }).map(function (e) { return e.id; });

  // --- filter state --------------------------------------------------------------------------------
  var typeOn = {}, relOn = {};
  data.entityTypes.forEach(function (t) { typeOn[t.name] = true; });
  data.relationTypes.forEach(function (r) { relOn[r.name] = true; });
  var showAlone = data.alone.shown, showBare = false, byGroup = data.groupsShown;
  var days = data.facts.map(function (f) { return f.date; }).filter(Boolean).sort();
  var firstDay = days.length ? days[0] : "", lastDay = days.length ? days[days.length - 1] : "";
  var undatedCount = data.facts.length - days.length;
  var range = { from: firstDay, to: lastDay }, undatedOn = false;

  var factOn = new Uint8Array(data.facts.length);
  var keptFacts = new Int32Array(data.edges.length);
  var degree = new Int32Array(nodeCount);  // kept facts an entity takes part in: what ranks its name
  var linked = new Int32Array(nodeCount);  // kept facts that join it to another drawn entity
  var nodeOn = new Uint8Array(nodeCount);
  var ranked = [];
  var hidden = { alone: 0, bare: 0 }, drawnFacts = 0;

  // All dates keep every fact; a narrower range keeps the facts dated in it, and undated ones only if asked.
  function allDates() { return range.from === firstDay && range.to === lastDay; }
  function inRange(day) { return allDates() || (day ? day >= range.from && day <= range.to : undatedOn); }
  function kind(i) { return data.nodes[i].kind; }

  // Which facts, edges and entities the current filters keep. An entity is drawn when it has a kept fact with
  // another drawn entity; one without is drawn only if its tick is on ("without relations" for an entity that
  // has none in the graph, "left without facts by the filters" for one that lost them to a filter). Entities
  // rank by their kept facts (as kg.view's degree: with no filter, by all their facts), then by all facts.
  function computeFilters() {
    degree.fill(0);
    linked.fill(0);
    drawnFacts = 0;
    data.facts.forEach(function (f, i) {
      factOn[i] = relOn[f.type] && typeOn[kind(f.subject)] && inRange(f.date) ? 1 : 0;
      if (!factOn[i]) { return; }
      var ends = {}, others = 0;
      f.targets.forEach(function (t) { if (typeOn[kind(t[0])] && !ends[t[0]]) { ends[t[0]] = true; others += 1; } });
      degree[f.subject] += 1;
      Object.keys(ends).forEach(function (n) { degree[n] += 1; linked[n] += 1; });
      if (others) { drawnFacts += 1; linked[f.subject] += 1; }
    });
    data.edges.forEach(function (e) {
      var n = 0;
      if (typeOn[kind(e.from)] && typeOn[kind(e.to)]) { e.facts.forEach(function (i) { n += factOn[i]; }); }
      keptFacts[e.id] = n;
    });
    hidden.alone = hidden.bare = 0;
    ranked = [];
    data.nodes.forEach(function (n) {
      var on = typeOn[n.kind] && (linked[n.id] > 0 || (n.alone ? showAlone : showBare));
      if (typeOn[n.kind] && !on) { hidden[n.alone ? "alone" : "bare"] += 1; }
      nodeOn[n.id] = on ? 1 : 0;
      if (on) { ranked.push(n.id); }
    });
    ranked.sort(function (a, b) { return degree[b] - degree[a] || data.nodes[b].value - data.nodes[a].value || a - b; });
  }
  computeFilters();

  // --- colours ---------------------------------------------------------------------------------------
  var groupColor = new Array(nodeCount).fill(data.loneColor);
  data.groups.forEach(function (g) { g.members.forEach(function (n) { groupColor[n] = g.color; }); });
  function nodeColor(i) { return byGroup ? groupColor[i] : data.nodes[i].color; }

  // --- zoom: sizes and widths ----------------------------------------------------------------------
  // Zoomed out on a big graph, vis-network would shrink entities to specks and edges to hairlines: entities
  // shrink only with the square root of the zoom, and edges (and their dash patterns) keep their screen width.
  // They start right for the zoom the page will likely open with (a force layout's width grows with the square
  // root of its entities), and are redone after a zoom or a fit that changes the scale by more than a quarter.
  function factors(scale) { return { k: Math.sqrt(1 / Math.min(scale, 1)), w: 1 / Math.min(scale, 1) }; }
  function dashesAt(e, w) { return e.dashes ? e.dashes.map(function (x) { return x * w; }) : false; }
  function scalingAt(scale) {
    var f = factors(scale);
    return { nodes: { scaling: { min: NODE_SIZE[0] * f.k, max: NODE_SIZE[1] * f.k } },
             edges: { scaling: { min: EDGE_WIDTH[0] * f.w, max: EDGE_WIDTH[1] * f.w } } };
  }
  var appliedScale = Math.min(1, 3.5 * Math.sqrt(container.clientWidth * container.clientHeight / 837400) /
    Math.sqrt(Math.max(1, ranked.length)));

  // --- the network -------------------------------------------------------------------------------------
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return { id: n.id, value: n.value, color: nodeColor(n.id) };
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    var edge = { id: e.id, from: e.from, to: e.to, value: e.value, color: e.color, dashes: dashesAt(e, factors(appliedScale).w) };
    if (e.smooth) { edge.smooth = e.smooth; }
    return edge;
  }));
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return nodeOn[n.id] === 1; } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return keptFacts[e.id] > 0; } });
  var options = data.options, start = scalingAt(appliedScale);
  // Node area grows with the entity's facts, against the whole page's range (not the drawn one), so sizes stay
  // put while filters change; an edge widens with its facts up to six.
  options.nodes.scaling = Object.assign(start.nodes.scaling, { customScalingFunction: function (min, max, total, value) {
    return Math.sqrt(Math.max(0, value - 1) / Math.max(1, maxValue - 1));
  } });
  options.edges.scaling = Object.assign(start.edges.scaling, { customScalingFunction: function (min, max, total, value) {
    return Math.min(Math.max(0, value - 1), 5) / 5;
  } });
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
  window.kgNetwork = network;

  // --- small DOM helpers: text only ---------------------------------------------------------------
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (cls) { node.className = cls; }
    return node;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function name(i) { return data.entities[i].label; }
  function decimal(c) { return c === null || c === undefined ? "n/a" : c.toFixed(2); }
  function clip(text, n) { return text.length > n ? text.slice(0, n - 1) + "…" : text; }
  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  function articleText(fact) {
    var doc = data.documents[fact.doc];
    if (!doc) { return "article unknown"; }
    var parts = [doc.headline || doc.source || "untitled article"];
    if (doc.published) { parts.push(doc.published); }
    return parts.join(" · ");
  }

  // "Putin said, about Ukraine, Russia", "Erdogan hosted, in Istanbul", "Peskov is spokesman of Kremlin".
  function factHead(fact) {
    var head = el("p");
    head.appendChild(el("strong", name(fact.subject)));
    var about = fact.targets.filter(function (t) { return t[1] !== "place"; }).map(function (t) { return name(t[0]); });
    var places = fact.targets.filter(function (t) { return t[1] === "place"; }).map(function (t) { return name(t[0]); });
    var text = fact.type === "role" ? " is " + fact.text + (about.length ? " of " + about.join(", ") : "")
      : " " + fact.type + (about.length ? ", about " + about.join(", ") : "");
    if (places.length) { text += ", in " + places.join(", "); }
    head.appendChild(document.createTextNode(text));
    return head;
  }

  // One fact with its evidence: who, what, the quote, the sentence, the article, rule and confidence.
  function factBlock(fact) {
    var box = el("div", null, "kg-fact");
    box.style.borderLeftColor = relColor(fact.type);
    box.appendChild(factHead(fact));
    if (fact.type !== "role") {
      var quote = el("p");
      quote.appendChild(el("q", fact.text));
      box.appendChild(quote);
    }
    if (fact.sentence && fact.sentence !== fact.text) { box.appendChild(el("p", "Sentence: " + fact.sentence, "kg-sentence")); }
    if (fact.time) { box.appendChild(el("p", "When: " + fact.time, "kg-meta")); }
    box.appendChild(el("p", "Article: " + articleText(fact), "kg-meta"));
    box.appendChild(el("p", "Rule " + (fact.rule || "n/a") + (fact.cue ? " (cue “" + fact.cue + "”)" : "") +
      " · confidence " + decimal(fact.confidence), "kg-meta"));
    return box;
  }

  var relColors = {};
  data.relationTypes.forEach(function (r) { relColors[r.name] = r.color; });
  function relColor(type) { return relColors[type] || "#8a8a8a"; }

  // The facts of `indexes` that the filters keep, then a line on those they leave out.
  function listFacts(target, title, indexes) {
    var kept = indexes.filter(function (i) { return factOn[i]; });
    var left = indexes.length - kept.length;
    if (!indexes.length) { return; }
    target.appendChild(el("h2", title + " (" + kept.length + ")"));
    kept.slice(0, MAX_LISTED).forEach(function (i) { target.appendChild(factBlock(data.facts[i])); });
    if (kept.length > MAX_LISTED) {
      target.appendChild(el("p", "… and " + (kept.length - MAX_LISTED) + " more (use kg viz --focus)", "kg-meta"));
    }
    if (left) { target.appendChild(el("p", plural(left, "more fact is", "more facts are") + " outside the filters (types, dates).", "kg-meta")); }
  }

  function showEntity(id) {
    var e = data.entities[id];
    clear(details);
    details.appendChild(el("h3", e.label));
    details.appendChild(el("p", e.type + (e.wikidata ? " · Wikidata " + e.wikidata : ""), "kg-meta"));
    if (e.aliases.length) { details.appendChild(el("p", "Also: " + e.aliases.join("; "), "kg-meta")); }
    details.appendChild(el("p", e.iri, "kg-meta"));
    listFacts(details, "What " + e.label + " did", bySubject[id]);
    listFacts(details, "Facts about " + e.label, byTarget[id]);
  }

  function edgeLabel(e) {
    var n = keptFacts[e.id];
    return e.text + (e.rel !== "role" && n > 1 ? " ×" + n : "");
  }

  function showEdge(id) {
    var e = data.edges[id];
    clear(details);
    details.appendChild(el("h3", name(e.from) + " → " + name(e.to)));
    details.appendChild(el("p", edgeLabel(e), "kg-meta"));
    listFacts(details, "Evidence", e.facts);
  }

  function showGroup(g) {
    var group = data.groups[g];
    clear(details);
    details.appendChild(el("h3", "Community " + (g + 1) + ": " + plural(group.members.length, "entity", "entities")));
    details.appendChild(el("p", "Entities that share more facts with each other than with the rest (Louvain). Most connected first:", "kg-meta"));
    var list = el("ol");
    group.members.slice(0, MAX_LISTED).forEach(function (n) {
      list.appendChild(el("li", name(n) + " · " + data.entities[n].type + " · " + plural(data.nodes[n].value - 1, "fact", "facts")));
    });
    details.appendChild(list);
    if (group.members.length > MAX_LISTED) { details.appendChild(el("p", "… and " + (group.members.length - MAX_LISTED) + " more", "kg-meta")); }
  }

  function showHint() {
    clear(details);
    details.appendChild(el("p", "Hover over a node or an edge for a summary; click it (or a name) for the evidence. " +
      "Scroll to zoom: more names appear as there is room.", "kg-hint"));
  }
  showHint();

  // --- legend with filters ------------------------------------------------------------------------
  function legendItem(list, item, swatch, state) {
    var li = el("li");
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = item.name;
    box.addEventListener("change", function () { state[item.name] = box.checked; refresh(); });
    label.appendChild(box);
    label.appendChild(swatch);
    label.appendChild(el("span", item.name));
    label.appendChild(el("span", item.count, "kg-count"));
    li.appendChild(label);
    list.appendChild(li);
  }
  data.entityTypes.forEach(function (t) {
    var dot = el("span", null, "kg-dot");
    dot.style.backgroundColor = t.color;
    legendItem(byId("kg-entity-types"), t, dot, typeOn);
  });
  // A relation's swatch is a line drawn with the same colour and dash pattern as its edges.
  data.relationTypes.forEach(function (r) {
    var line = el("canvas", null, "kg-line");
    var ratio = window.devicePixelRatio || 1;
    line.width = 30 * ratio;
    line.height = 10 * ratio;
    var ctx = line.getContext("2d");
    ctx.scale(ratio, ratio);
    ctx.strokeStyle = r.color;
    ctx.lineWidth = 2.5;
    ctx.lineCap = r.dashes.length ? "round" : "butt";
    ctx.setLineDash(r.dashes);
    ctx.beginPath();
    ctx.moveTo(1, 5);
    ctx.lineTo(29, 5);
    ctx.stroke();
    legendItem(byId("kg-relation-types"), r, line, relOn);
  });

  var aloneBox = byId("kg-alone"), bareBox = byId("kg-bare");
  aloneBox.addEventListener("change", function () { showAlone = aloneBox.checked; refresh(); });
  bareBox.addEventListener("change", function () { showBare = bareBox.checked; refresh(); });

  function syncControls() {
    document.querySelectorAll("#kg-entity-types input").forEach(function (box) { box.checked = typeOn[box.value]; });
    document.querySelectorAll("#kg-relation-types input").forEach(function (box) { box.checked = relOn[box.value]; });
    aloneBox.checked = showAlone;
    bareBox.checked = showBare;
    byId("kg-alone-count").textContent = String(data.alone.count);
    byId("kg-bare-count").textContent = String(hidden.bare + (showBare ? countBare() : 0));
    byId("kg-colour-group").checked = byGroup;
    byId("kg-colour-type").checked = !byGroup;
    byId("kg-groups").hidden = !byGroup;
    document.body.classList.toggle("kg-by-group", byGroup);
    byId("kg-from").value = range.from;
    byId("kg-to").value = range.to;
    byId("kg-undated").checked = undatedOn && !allDates();
    byId("kg-undated").disabled = allDates();
  }
  // Entities drawn only because "left without facts by the filters" is ticked.
  function countBare() {
    return data.nodes.filter(function (n) { return typeOn[n.kind] && !n.alone && linked[n.id] === 0; }).length;
  }

  function updateStatus() {
    var text = "Drawn: " + plural(ranked.length, "entity", "entities") + ", " + plural(drawnFacts, "fact", "facts") + " between them";
    var parts = [];
    if (hidden.alone) { parts.push(hidden.alone + " without relations"); }
    if (hidden.bare) { parts.push(hidden.bare + " left without facts by the filters"); }
    byId("kg-status").textContent = text + (parts.length ? " · hidden: " + parts.join(", ") : "");
  }

  // --- groups (communities) -----------------------------------------------------------------------
  var groupList = byId("kg-groups");
  var shownGroups = data.groups.filter(function (g) { return g.color !== data.loneColor; }).length;
  data.groups.slice(0, shownGroups).forEach(function (g, i) {
    var li = el("li");
    var button = el("button");
    button.type = "button";
    var dot = el("span", null, "kg-dot");
    dot.style.backgroundColor = g.color;
    button.appendChild(dot);
    button.appendChild(el("span", g.members.slice(0, 3).map(name).join(", ") + (g.members.length > 3 ? ", …" : "")));
    button.appendChild(el("span", g.members.length, "kg-count"));
    button.addEventListener("click", function () { selectGroup(i); });
    li.appendChild(button);
    groupList.appendChild(li);
  });
  if (data.groups.length > shownGroups) {
    groupList.appendChild(el("li", plural(data.groups.length - shownGroups, "smaller community", "smaller communities") + " in grey", "kg-meta"));
  }
  if (!data.groups.length) { groupList.appendChild(el("li", "No community: no entity has a relation.", "kg-meta")); }
  function colourBy(group) {
    byGroup = group;
    syncControls();
    recolour();
  }
  byId("kg-colour-type").addEventListener("change", function () { colourBy(false); });
  byId("kg-colour-group").addEventListener("change", function () { colourBy(true); });

  // --- timeline ---------------------------------------------------------------------------------------
  function dayNumber(day) { return Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10)) / DAY_MS; }
  function dayString(n) { return new Date(n * DAY_MS).toISOString().slice(0, 10); }
  function monday(n) { return n - (new Date(n * DAY_MS).getUTCDay() + 6) % 7; }

  // Bars of facts per week (per month over three years), each a button that shows its period.
  var buckets = [];
  (function makeBuckets() {
    if (!days.length) { return; }
    var first = dayNumber(firstDay), last = dayNumber(lastDay);
    if ((last - first) / 7 <= 156) {
      for (var start = monday(first); start <= last; start += 7) {
        buckets.push({ from: dayString(start), to: dayString(start + 6), label: "Week of " + dayString(start) });
      }
    } else {
      for (var y = +firstDay.slice(0, 4), m = +firstDay.slice(5, 7) - 1; dayString(Date.UTC(y, m, 1) / DAY_MS) <= lastDay; m += 1) {
        var from = dayString(Date.UTC(y, m, 1) / DAY_MS);
        buckets.push({ from: from, to: dayString(Date.UTC(y, m + 1, 1) / DAY_MS - 1), label: from.slice(0, 7) });
      }
    }
    var histogram = byId("kg-histogram");
    buckets.forEach(function (b) {
      b.count = 0;
      b.bar = el("button");
      b.bar.type = "button";
      b.bar.addEventListener("click", function () { setRange(b.from, b.to); });
      histogram.appendChild(b.bar);
    });
    var i = 0;
    days.forEach(function (d) {
      while (d > buckets[i].to) { i += 1; }
      buckets[i].count += 1;
    });
    var most = Math.max.apply(null, buckets.map(function (b) { return b.count; }));
    buckets.forEach(function (b) {
      b.bar.style.height = (b.count ? 6 + 28 * b.count / most : 3) + "px";
      b.bar.title = b.label + ": " + plural(b.count, "fact", "facts");
      b.bar.setAttribute("aria-label", b.bar.title);
    });
  }());

  function updateTimeline() {
    if (!days.length) { return; }
    var full = allDates();
    buckets.forEach(function (b) {
      b.bar.classList.toggle("kg-in", b.to >= range.from && b.from <= range.to && b.count > 0);
      b.bar.classList.toggle("kg-empty", !b.count);
    });
    byId("kg-week-prev").disabled = !full && range.from <= firstDay;
    byId("kg-week-next").disabled = !full && range.to >= lastDay;
    byId("kg-all-dates").disabled = full;
    var shown = days.filter(function (d) { return d >= range.from && d <= range.to; }).length;
    byId("kg-date-status").textContent = full ? plural(days.length, "dated fact", "dated facts") + ", " + firstDay + " to " + lastDay
      : range.from + " to " + range.to + ": " + plural(shown, "dated fact", "dated facts") + " of " + days.length;
  }

  // Dates outside the graph's are clamped to it; a start moved past the end takes the end along, and the other
  // way round.
  function setRange(from, to, moved) {
    from = from && from >= firstDay ? from : firstDay;
    to = to && to <= lastDay ? to : lastDay;
    if (from > to) { if (moved === "to") { from = to; } else { to = from; } }
    range.from = from;
    range.to = to;
    refresh();
  }
  // A step moves the shown dates by a week and keeps their length; from all dates it first shows one week.
  function step(weeks) {
    var full = allDates();
    var from, to;
    if (full) {
      from = weeks > 0 ? monday(dayNumber(firstDay)) : monday(dayNumber(lastDay));
      to = from + 6;
    } else {
      from = dayNumber(range.from) + 7 * weeks;
      to = dayNumber(range.to) + 7 * weeks;
    }
    range.from = dayString(from);
    range.to = dayString(to);
    refresh();
  }

  if (!days.length) {
    byId("kg-date-controls").hidden = true;
    byId("kg-histogram").hidden = true;
    byId("kg-date-status").textContent = "No fact has a date: kg dates a fact by its statement or its article's " +
      "publication date (kg build --published gives one to articles without).";
  } else {
    ["from", "to"].forEach(function (end) {
      var input = byId("kg-" + end);
      input.min = firstDay;
      input.max = lastDay;
      input.addEventListener("change", function () { setRange(byId("kg-from").value, byId("kg-to").value, end); });
    });
    byId("kg-week-prev").addEventListener("click", function () { step(-1); });
    byId("kg-week-next").addEventListener("click", function () { step(1); });
    byId("kg-all-dates").addEventListener("click", function () { setRange(firstDay, lastDay); });
    byId("kg-undated-count").textContent = String(undatedCount);
    byId("kg-undated").addEventListener("change", function () { undatedOn = byId("kg-undated").checked; refresh(); });
  }

  // --- positions ----------------------------------------------------------------------------------------
  // An entity a filter hides leaves its place in the data, so it comes back where it was; one that was never
  // laid out (hidden from the start) goes into a grid below the graph.
  var laidOut = false, placed = new Uint8Array(nodeCount), gridNext = 0, grid = null;
  function keepPlaces(leaving) {
    var positions = network.getPositions(leaving);
    nodes.update(leaving.map(function (id) {
      placed[id] = 1;
      return { id: id, x: positions[id].x, y: positions[id].y };
    }));
  }
  function placeNewcomers() {
    if (!laidOut) { return; }
    var newcomers = [];
    data.nodes.forEach(function (n) { if (nodeOn[n.id] && !placed[n.id] && !network.body.nodes[n.id]) { newcomers.push(n.id); } });
    if (!newcomers.length) { return; }
    if (!grid) {
      var positions = network.getPositions(), xs = [], ys = [];
      Object.keys(positions).forEach(function (k) { xs.push(positions[k].x); ys.push(positions[k].y); });
      var left = xs.length ? Math.min.apply(null, xs) : 0;
      var width = xs.length ? Math.max(Math.max.apply(null, xs) - left, 600) : 600;
      grid = { left: left, top: (ys.length ? Math.max.apply(null, ys) : 0) + 120, columns: Math.max(1, Math.floor(width / 45)) };
    }
    nodes.update(newcomers.map(function (id) {
      var i = gridNext++;
      placed[id] = 1;
      return { id: id, x: grid.left + (i % grid.columns) * 45, y: grid.top + Math.floor(i / grid.columns) * 45 };
    }));
  }

  // --- applying filters and colours --------------------------------------------------------------------
  var highlighted = null; // {node: id} or {edge: id} or {group: i}
  function refresh() {
    var wasEmpty = nodeView.length === 0;
    computeFilters();
    if (laidOut) { keepPlaces(network.body.nodeIndices.filter(function (id) { return !nodeOn[id]; })); }
    placeNewcomers();
    nodeView.refresh();
    edgeView.refresh();
    showEmptyHint();
    syncControls();
    updateStatus();
    updateTimeline();
    if (highlighted && highlighted.node !== undefined && !nodeOn[highlighted.node]) { clearSelection(); }
    else if (highlighted && highlighted.edge !== undefined && !keptFacts[highlighted.edge]) { clearSelection(); }
    else if (highlighted) { applyHighlight(); reshowDetails(); }
    if (wasEmpty && nodeView.length) { fitView(); }
    hideTooltip();
    network.redraw();
  }

  function recolour() {
    if (faded) { applyHighlight(); return; }
    nodes.update(data.nodes.map(function (n) { return { id: n.id, color: nodeColor(n.id) }; }));
    network.redraw();
  }

  // Everything outside a selected entity or community fades (an edge's evidence is read in its context); the
  // selection's labels and those of its edges are drawn first.
  var faded = false;
  function applyHighlight() {
    var keep = {}, touching = {};
    if (highlighted.edge !== undefined) {
      unfade();
      return;
    }
    if (highlighted.node !== undefined) {
      keep[highlighted.node] = true;
      network.getConnectedNodes(highlighted.node).forEach(function (n) { keep[n] = true; });
      network.getConnectedEdges(highlighted.node).forEach(function (e) { touching[e] = true; });
    } else {
      data.groups[highlighted.group].members.forEach(function (n) { keep[n] = true; });
      data.edges.forEach(function (e) { if (keep[e.from] && keep[e.to]) { touching[e.id] = true; } });
    }
    nodes.update(data.nodes.map(function (n) { return { id: n.id, color: keep[n.id] ? nodeColor(n.id) : FADED }; }));
    edges.update(data.edges.map(function (e) { return { id: e.id, color: touching[e.id] ? e.color : FADED }; }));
    faded = true;
  }
  function unfade() {
    if (!faded) { return; }
    faded = false;
    nodes.update(data.nodes.map(function (n) { return { id: n.id, color: nodeColor(n.id) }; }));
    edges.update(data.edges.map(function (e) { return { id: e.id, color: e.color }; }));
  }
  function clearSelection() {
    network.unselectAll();
    highlighted = null;
    unfade();
    showHint();
  }
  function reshowDetails() {
    if (highlighted.node !== undefined) { showEntity(highlighted.node); }
    else if (highlighted.edge !== undefined) { showEdge(highlighted.edge); }
    else { showGroup(highlighted.group); }
  }
  function selectNode(id, centre) {
    highlighted = { node: id };
    network.selectNodes([id]);
    if (centre) { fitView([id].concat(network.getConnectedNodes(id))); }
    applyHighlight();
    showEntity(id);
  }
  function selectEdge(id) {
    highlighted = { edge: id };
    network.selectEdges([id]);
    applyHighlight();
    showEdge(id);
  }
  function selectGroup(g) {
    highlighted = { group: g };
    network.unselectAll();
    applyHighlight();
    showGroup(g);
    var drawn = data.groups[g].members.filter(function (n) { return nodeOn[n]; });
    if (drawn.length) { fitView(drawn); }
  }

  function adaptToZoom() {
    var scale = network.getScale();
    if (Math.abs(Math.log(Math.min(scale, 1) / Math.min(appliedScale, 1))) < Math.log(1.25)) { return; }
    appliedScale = scale;
    network.setOptions(scalingAt(scale));
    var w = factors(scale).w;
    edges.update(dashedEdges.map(function (id) { return { id: id, dashes: dashesAt(data.edges[id], w) }; }));
  }
  function fitView(ids) {
    network.fit(ids ? { nodes: ids, maxZoomLevel: 1.2, animation: false } : { animation: false });
    adaptToZoom();
  }
  var zoomTimer = null;
  network.on("zoom", function () {
    hideTooltip();
    clearTimeout(zoomTimer);
    zoomTimer = setTimeout(adaptToZoom, 150);
  });

  // --- labels --------------------------------------------------------------------------------------
  // vis-network would draw every name at one size in graph units: unreadable zoomed out, a wall of text zoomed
  // in. The page draws names itself, at a fixed screen size (12 to 15 CSS pixels, on a white halo): first the
  // selection and its neighbours, then the TOP_LABELLED most connected entities (always, moved around their node
  // to keep clear of other names), then every other entity, most connected first, where its name covers no
  // other name nor entity; edges get labels when selected, or zoomed in where there is room. window.kgLabels
  // lists what the last frame drew.
  var widths = {};
  function measure(ctx, font, text) {
    var key = font + "\u0000" + text;
    if (widths[key] === undefined) { ctx.font = font; widths[key] = ctx.measureText(text).width; }
    return widths[key];
  }

  // Rectangles on the screen, bucketed by an 80×40 grid so that a frame with a thousand names stays cheap.
  function Boxes(width, height) {
    this.width = width;
    this.height = height;
    this.cells = new Map();
  }
  Boxes.prototype.each = function (b, visit) {
    for (var x = Math.floor(b.x / 80), x1 = Math.floor((b.x + b.w) / 80); x <= x1; x++) {
      for (var y = Math.floor(b.y / 40), y1 = Math.floor((b.y + b.h) / 40); y <= y1; y++) {
        if (visit(x * 65536 + y) === false) { return false; }
      }
    }
    return true;
  };
  Boxes.prototype.inside = function (b) { return b.x >= 2 && b.y >= 2 && b.x + b.w <= this.width - 2 && b.y + b.h <= this.height - 2; };
  Boxes.prototype.free = function (b) {
    var cells = this.cells;
    return this.each(b, function (key) {
      var list = cells.get(key);
      if (!list) { return true; }
      for (var i = 0; i < list.length; i++) {
        var o = list[i];
        if (b.x < o.x + o.w && o.x < b.x + b.w && b.y < o.y + o.h && o.y < b.y + b.h) { return false; }
      }
      return true;
    });
  };
  Boxes.prototype.add = function (b) {
    var cells = this.cells;
    this.each(b, function (key) {
      var list = cells.get(key);
      if (list) { list.push(b); } else { cells.set(key, [b]); }
    });
  };

  // Where a w×h label may go around a node of screen radius r (r < 0: on an edge's middle), best first.
  function spots(r, w, h, many) {
    if (r < 0) { return [[-w / 2, -h / 2], [-w / 2, -h * 1.5], [-w / 2, h * 0.5]]; }
    var d = r * 0.7 + 2;
    var list = [[-w / 2, r + 1], [-w / 2, -r - 1 - h], [r + 4, -h / 2], [-r - 4 - w, -h / 2],
      [d, d - 2], [-w - d, d - 2], [d, -d - h + 2], [-w - d, -d - h + 2]];
    return many ? list.concat([[-w / 2, r + 2 + h], [-w / 2, -r - 2 - 2 * h], [r + 4, h / 2], [r + 4, -1.5 * h],
      [-r - 4 - w, h / 2], [-r - 4 - w, -1.5 * h], [-w / 2, r + 3 + 2 * h], [-w / 2, -r - 3 - 3 * h]]) : list;
  }
  // The first place around (x, y) that covers no other name nor (if it can) another entity. A name that must
  // be drawn and finds no such place beside its node goes further out, on rings of growing distance, joined to
  // its node by a thin line (b.leader); only a crowd that fills the canvas makes it cover another name.
  function place(names, discs, x, y, r, w, h, must) {
    var pad = 3, list = spots(r, w, h, must), fallback = null, covering = null, b, i;
    function padded(box) { return { x: box.x - pad, y: box.y - pad, w: box.w + 2 * pad, h: box.h + 2 * pad }; }
    for (i = 0; i < list.length; i++) {
      b = { x: x + list[i][0], y: y + list[i][1], w: w, h: h };
      if (!names.inside(b)) { continue; }
      if (!names.free(padded(b))) { fallback = fallback || b; continue; }
      if (discs.free(b)) { names.add(padded(b)); return b; }
      covering = covering || b;
    }
    if (!must) { return null; }
    if (!covering) {
      for (var ring = 1; ring <= 8 && !covering; ring++) {
        var d = r + 6 + ring * 11;
        for (var k = 0; k < 16; k++) {
          var a = Math.PI / 2 + Math.ceil(k / 2) * (k % 2 ? 1 : -1) * Math.PI / 8; // below first, then round
          b = { x: x + Math.cos(a) * (d + w / 2) - w / 2, y: y + Math.sin(a) * (d + h / 2) - h / 2, w: w, h: h, leader: true };
          if (names.inside(b) && names.free(padded(b))) { covering = b; break; }
        }
      }
    }
    var chosen = covering || fallback;
    if (chosen) { names.add(padded(chosen)); }
    return chosen;
  }

  function drawText(ctx, b, text, font, color, backed) {
    if (backed) {
      ctx.fillStyle = "rgba(255,255,255,0.78)";
      ctx.fillRect(b.x - 2, b.y, b.w + 4, b.h);
    }
    ctx.font = font;
    ctx.strokeText(text, b.x, b.y + b.h / 2);
    ctx.fillStyle = color;
    ctx.fillText(text, b.x, b.y + b.h / 2);
  }

  var drawnLabels = [];
  function drawLabels(ctx) {
    var view = network.body.view, scale = view.scale, tx = view.translation.x, ty = view.translation.y;
    var bodyNodes = network.body.nodes, bodyEdges = network.body.edges;
    var width = container.clientWidth, height = container.clientHeight;
    var names = new Boxes(width, height), discs = new Boxes(width, height);
    var labels = [];
    var ratio = network.canvas.pixelRatio || 1;
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.textBaseline = "middle";
    ctx.textAlign = "left";
    ctx.lineJoin = "round";
    ctx.lineWidth = 4;
    ctx.strokeStyle = "rgba(255,255,255,0.92)";
    network.body.nodeIndices.forEach(function (id) {
      var node = bodyNodes[id], r = node.options.size * scale * 0.8;
      var x = node.x * scale + tx, y = node.y * scale + ty;
      if (x > -r && y > -r && x < width + r && y < height + r) { discs.add({ x: x - r, y: y - r, w: 2 * r, h: 2 * r }); }
    });

    function nodeLabel(id, font, size, color, must) {
      var node = bodyNodes[id];
      if (!node || !nodeOn[id]) { return; }
      var x = node.x * scale + tx, y = node.y * scale + ty;
      if (x < -200 || y < -50 || x > width + 200 || y > height + 50) { return; }
      var text = clip(name(id), LABEL_CHARS);
      var r = node.options.size * scale;
      var b = place(names, discs, x, y, r, measure(ctx, font, text), size + 3, must);
      if (!b) { return; }
      if (b.leader) {
        var cx = Math.max(b.x, Math.min(x, b.x + b.w)), cy = Math.max(b.y, Math.min(y, b.y + b.h));
        var d = Math.hypot(cx - x, cy - y) || 1;
        ctx.save();
        ctx.lineWidth = 1;
        ctx.strokeStyle = "#6b7680";
        ctx.beginPath();
        ctx.moveTo(x + (cx - x) * r / d, y + (cy - y) * r / d);
        ctx.lineTo(cx, cy);
        ctx.stroke();
        ctx.restore();
      }
      drawText(ctx, b, text, font, color, must);
      labels.push({ kind: "node", id: id, text: text, size: size, x: b.x, y: b.y, w: b.w, h: b.h });
    }
    function edgeLabelAt(id, must) {
      var edge = bodyEdges[id];
      if (!edge || !edge.connected || !keptFacts[id]) { return; }
      var e = data.edges[id];
      var text = clip(edgeLabel(e), LABEL_CHARS);
      var font = "italic 12px " + FONT;
      var w = measure(ctx, font, text);
      var length = Math.hypot(edge.to.x - edge.from.x, edge.to.y - edge.from.y) * scale;
      if (!must && length < w + 24) { return; }
      var middle = edge.edgeType.getPoint(0.5);
      var b = place(names, discs, middle.x * scale + tx, middle.y * scale + ty, -1, w, 15, must);
      if (!b) { return; }
      drawText(ctx, b, text, font, e.color, must);
      labels.push({ kind: "edge", id: id, text: text, size: 12, x: b.x, y: b.y, w: b.w, h: b.h });
    }

    var first = [], firstEdges = [];
    if (highlighted && highlighted.node !== undefined) {
      first = [highlighted.node].concat(network.getConnectedNodes(highlighted.node));
      firstEdges = network.getConnectedEdges(highlighted.node);
    } else if (highlighted && highlighted.edge !== undefined) {
      first = [data.edges[highlighted.edge].from, data.edges[highlighted.edge].to];
      firstEdges = [highlighted.edge];
    } else if (highlighted) {
      first = data.groups[highlighted.group].members.filter(function (n) { return nodeOn[n]; });
    }
    var done = {};
    first.forEach(function (id, i) {
      done[id] = true;
      var selected = i === 0 && highlighted.node !== undefined;
      nodeLabel(id, (selected ? "700 15px " : "600 13px ") + FONT, selected ? 15 : 13, "#1d2630",
        highlighted.group === undefined || i < TOP_LABELLED);
    });
    firstEdges.forEach(function (id) { edgeLabelAt(id, true); });
    var color = faded ? "#8c96a0" : "#1d2630";
    ranked.forEach(function (id, rank) {
      if (done[id]) { return; }
      if (rank < 5) { nodeLabel(id, "600 15px " + FONT, 15, color, !faded); }
      else if (rank < TOP_LABELLED) { nodeLabel(id, "600 13px " + FONT, 13, color, !faded); }
      else { nodeLabel(id, "12px " + FONT, 12, color, false); }
    });
    if (scale >= EDGE_LABEL_ZOOM && !faded) {
      network.body.edgeIndices.forEach(function (id) { edgeLabelAt(id, false); });
    }
    ctx.restore();
    drawnLabels = labels;
    window.kgLabels = labels;
  }
  network.on("afterDrawing", drawLabels);

  function labelAt(point) {
    for (var i = drawnLabels.length - 1; i >= 0; i--) {
      var b = drawnLabels[i];
      if (point.x >= b.x && point.x <= b.x + b.w && point.y >= b.y && point.y <= b.y + b.h) { return b; }
    }
    return null;
  }

  // --- first drawing ---------------------------------------------------------------------------------
  function markReady() {
    window.kgReadyAt = performance.now();
    document.body.setAttribute("data-ready", "true");
  }
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: { enabled: false } });
    laidOut = true;
    fitView();
    network.once("afterDrawing", markReady);
    network.redraw();
  });
  var emptyHint = el("p", null, "kg-hint");
  function showEmptyHint() {
    emptyHint.textContent = !data.nodes.length ? "Nothing to draw: no entity matches the selection."
      : "Nothing to draw: the filters leave no entity (see the legend and the dates).";
    emptyHint.hidden = nodeView.length > 0;
  }
  container.appendChild(emptyHint);
  syncControls();
  updateStatus();
  updateTimeline();
  showEmptyHint();
  if (nodeView.length === 0) {
    network.setOptions({ physics: { enabled: false } });
    laidOut = true;
    markReady();
  }

  // --- hover summaries ------------------------------------------------------------------------------
  function showTooltip(lines, pointer) {
    clear(tooltip);
    lines.forEach(function (line, i) { tooltip.appendChild(el("p", line, i === 0 ? "kg-tip-head" : null)); });
    var box = container.getBoundingClientRect();
    tooltip.hidden = false;
    var x = Math.min(box.left + pointer.x + 14, window.innerWidth - tooltip.offsetWidth - 8);
    var y = Math.min(box.top + pointer.y + 14, window.innerHeight - tooltip.offsetHeight - 8);
    tooltip.style.left = Math.max(4, x) + "px";
    tooltip.style.top = Math.max(4, y) + "px";
  }
  function hideTooltip() { tooltip.hidden = true; }

  network.on("hoverNode", function (params) {
    var e = data.entities[params.node];
    var did = bySubject[params.node].length;
    var about = byTarget[params.node].length;
    showTooltip([e.label, e.type + " · " + did + " facts as subject, " + about + " as object",
      e.aliases.length ? "Also: " + clip(e.aliases.join("; "), 160) : ""].filter(Boolean), params.pointer.DOM);
  });
  network.on("hoverEdge", function (params) {
    var e = data.edges[params.edge];
    var kept = e.facts.filter(function (i) { return factOn[i]; });
    var lines = [name(e.from) + " " + edgeLabel(e) + " → " + name(e.to)];
    kept.slice(0, 3).forEach(function (i) {
      var f = data.facts[i];
      lines.push("“" + clip(f.text, 200) + "” (" + clip(articleText(f), 80) + ", confidence " + decimal(f.confidence) + ")");
    });
    if (kept.length > 3) { lines.push("… " + (kept.length - 3) + " more: click the edge"); }
    showTooltip(lines, params.pointer.DOM);
  });
  network.on("blurNode", hideTooltip);
  network.on("blurEdge", hideTooltip);
  network.on("dragStart", hideTooltip);

  // --- selection -----------------------------------------------------------------------------------------
  network.on("click", function (params) {
    hideTooltip();
    var label = params.nodes.length ? null : labelAt(params.pointer.DOM);
    if (params.nodes.length) {
      selectNode(params.nodes[0], false);
    } else if (label && label.kind === "node") {
      selectNode(label.id, false);
    } else if (params.edges.length || label) {
      selectEdge(label ? label.id : params.edges[0]);
    } else {
      clearSelection();
    }
    network.redraw();
  });

  // --- search ---------------------------------------------------------------------------------------
  var names = byId("kg-entity-names");
  data.entities.forEach(function (e) { var option = el("option"); option.value = e.label; names.appendChild(option); });

  function findEntity(text) {
    var wanted = text.trim().toLowerCase();
    if (!wanted) { return -1; }
    var partial = -1;
    for (var i = 0; i < data.entities.length; i++) {
      var label = data.entities[i].label.toLowerCase();
      if (label === wanted) { return i; }
      if (partial < 0 && label.indexOf(wanted) >= 0) { partial = i; }
    }
    return partial;
  }
  // Searching an entity the filters hide shows it (its type, and the tick for entities like it).
  function runSearch() {
    var id = findEntity(search.value);
    if (id < 0) { return; }
    if (!nodeOn[id]) {
      typeOn[kind(id)] = true;
      computeFilters();
      if (!nodeOn[id]) {
        if (data.nodes[id].alone) { showAlone = true; } else { showBare = true; }
      }
      refresh();
    }
    selectNode(id, true);
    network.redraw();
  }
  search.addEventListener("change", runSearch);
  search.addEventListener("keydown", function (event) { if (event.key === "Enter") { runSearch(); } });

  byId("kg-reset").addEventListener("click", function () {
    Object.keys(typeOn).forEach(function (k) { typeOn[k] = true; });
    Object.keys(relOn).forEach(function (k) { relOn[k] = true; });
    showAlone = data.alone.shown;
    showBare = false;
    range.from = firstDay;
    range.to = lastDay;
    undatedOn = false;
    search.value = "";
    clearSelection();
    byGroup = data.groupsShown;
    recolour();
    refresh();
    fitView();
  });

  // For tests and scripts: what the page draws now (entity ids, and fact indexes on drawn edges).
  window.kgDrawn = function () {
    var facts = {};
    data.edges.forEach(function (e) { if (keptFacts[e.id]) { e.facts.forEach(function (i) { if (factOn[i]) { facts[i] = true; } }); } });
    return { entities: ranked.slice().sort(function (a, b) { return a - b; }),
             facts: Object.keys(facts).map(Number).sort(function (a, b) { return a - b; }) };
  };
}());
