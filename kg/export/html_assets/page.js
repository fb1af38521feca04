// kg graph page: draws the data block with vis-network and shows evidence on hover and click.
// Every string from the graph (names, quotes, headlines) goes into the DOM as text, never as HTML.
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var container = document.getElementById("kg-network");
  var details = document.getElementById("kg-details");
  var tooltip = document.getElementById("kg-tooltip");
  var search = document.getElementById("kg-search");
  var FADED = "rgba(190,196,202,0.35)";
  var MAX_LISTED = 50;

  var typeOn = {};
  var relOn = {};
  var unlinkedOn = data.unlinked.shown;
  data.entityTypes.forEach(function (t) { typeOn[t.name] = true; });
  data.relationTypes.forEach(function (r) { relOn[r.name] = true; });

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return typeOn[n.kind] && (unlinkedOn || n.linked); } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return relOn[e.rel]; } });
  var colors = {};
  data.nodes.forEach(function (n) { colors[n.id] = n.color; });
  data.edges.forEach(function (e) { colors["e" + e.id] = e.color; });

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

  function relColor(type) {
    for (var i = 0; i < data.relationTypes.length; i++) {
      if (data.relationTypes[i].name === type) { return data.relationTypes[i].color; }
    }
    return "#8a8a8a";
  }

  function listFacts(target, title, indexes) {
    if (!indexes.length) { return; }
    target.appendChild(el("h2", title + " (" + indexes.length + ")"));
    indexes.slice(0, MAX_LISTED).forEach(function (i) { target.appendChild(factBlock(data.facts[i])); });
    if (indexes.length > MAX_LISTED) {
      target.appendChild(el("p", "… and " + (indexes.length - MAX_LISTED) + " more (use kg viz --focus)", "kg-meta"));
    }
  }

  var bySubject = {};
  var byTarget = {};
  data.facts.forEach(function (f, i) {
    (bySubject[f.subject] = bySubject[f.subject] || []).push(i);
    f.targets.forEach(function (t) { (byTarget[t[0]] = byTarget[t[0]] || []).push(i); });
  });

  function showEntity(id) {
    var e = data.entities[id];
    clear(details);
    details.appendChild(el("h3", e.label));
    details.appendChild(el("p", e.type + (e.wikidata ? " · Wikidata " + e.wikidata : ""), "kg-meta"));
    if (e.aliases.length) { details.appendChild(el("p", "Also: " + e.aliases.join("; "), "kg-meta")); }
    details.appendChild(el("p", e.iri, "kg-meta"));
    listFacts(details, "What " + e.label + " did", bySubject[id] || []);
    listFacts(details, "Facts about " + e.label, byTarget[id] || []);
  }

  function showEdge(id) {
    var edge = edges.get(id);
    clear(details);
    details.appendChild(el("h3", name(edge.from) + " → " + name(edge.to)));
    details.appendChild(el("p", edge.label, "kg-meta"));
    listFacts(details, "Evidence", edge.facts);
  }

  function showHint() {
    clear(details);
    details.appendChild(el("p", "Hover over a node or an edge for a summary; click it for the evidence.", "kg-hint"));
  }

  // --- legend with filters ------------------------------------------------------------------------
  function legendItem(list, item, swatch, state, view) {
    var li = el("li");
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = item.name;
    box.addEventListener("change", function () { state[item.name] = box.checked; view.refresh(); });
    label.appendChild(box);
    swatch.style.borderColor = item.color;
    if (swatch.className === "kg-dot") { swatch.style.backgroundColor = item.color; }
    label.appendChild(swatch);
    label.appendChild(el("span", item.name));
    label.appendChild(el("span", item.count, "kg-count"));
    li.appendChild(label);
    list.appendChild(li);
  }
  data.entityTypes.forEach(function (t) {
    legendItem(document.getElementById("kg-entity-types"), t, el("span", null, "kg-dot"), typeOn, nodeView);
  });
  var unlinkedBox = document.getElementById("kg-unlinked");
  unlinkedBox.checked = unlinkedOn;
  document.getElementById("kg-unlinked-count").textContent = String(data.unlinked.count);
  unlinkedBox.addEventListener("change", function () {
    showUnlinked(unlinkedBox.checked);
    network.fit({ animation: false });
  });

  // Entities without relations that the layout left out (big pages) get a grid below the graph when shown.
  var unlinkedPlaced = data.unlinked.shown;
  function showUnlinked(on) {
    if (on && !unlinkedPlaced) {
      unlinkedPlaced = true;
      var positions = network.getPositions();
      var xs = [], ys = [];
      Object.keys(positions).forEach(function (k) { xs.push(positions[k].x); ys.push(positions[k].y); });
      var left = xs.length ? Math.min.apply(null, xs) : 0;
      var width = xs.length ? Math.max(Math.max.apply(null, xs) - left, 600) : 600;
      var top = (ys.length ? Math.max.apply(null, ys) : 0) + 120;
      var step = 45, columns = Math.max(1, Math.floor(width / step));
      nodes.update(data.nodes.filter(function (n) { return !n.linked; }).map(function (n, i) {
        return { id: n.id, x: left + (i % columns) * step, y: top + Math.floor(i / columns) * step };
      }));
    }
    unlinkedOn = unlinkedBox.checked = on;
    nodeView.refresh();
  }
  data.relationTypes.forEach(function (r) {
    legendItem(document.getElementById("kg-relation-types"), r,
      el("span", null, "kg-line" + (r.dashed ? " kg-dashed" : "")), relOn, edgeView);
  });

  // --- the network ----------------------------------------------------------------------------------
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, data.options);
  window.kgNetwork = network;

  function markReady() {
    window.kgReadyAt = performance.now();
    document.body.setAttribute("data-ready", "true");
  }
  if (nodeView.length === 0) {
    container.appendChild(el("p", data.nodes.length ? "Nothing to draw until the legend shows some entities."
      : "Nothing to draw: no entity matches the selection.", "kg-hint"));
    markReady();
  } else {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      network.fit({ animation: false });
      network.once("afterDrawing", markReady);
      network.redraw();
    });
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

  function clip(text, n) { return text.length > n ? text.slice(0, n - 1) + "…" : text; }

  network.on("hoverNode", function (params) {
    var e = data.entities[params.node];
    var did = (bySubject[params.node] || []).length;
    var about = (byTarget[params.node] || []).length;
    showTooltip([e.label, e.type + " · " + did + " facts as subject, " + about + " as object",
      e.aliases.length ? "Also: " + clip(e.aliases.join("; "), 160) : ""].filter(Boolean), params.pointer.DOM);
  });
  network.on("hoverEdge", function (params) {
    var edge = edges.get(params.edge);
    var lines = [name(edge.from) + " " + edge.label + " → " + name(edge.to)];
    edge.facts.slice(0, 3).forEach(function (i) {
      var f = data.facts[i];
      lines.push("“" + clip(f.text, 200) + "” (" + clip(articleText(f), 80) + ", confidence " + decimal(f.confidence) + ")");
    });
    if (edge.facts.length > 3) { lines.push("… " + (edge.facts.length - 3) + " more: click the edge"); }
    showTooltip(lines, params.pointer.DOM);
  });
  network.on("blurNode", hideTooltip);
  network.on("blurEdge", hideTooltip);
  network.on("dragStart", hideTooltip);
  network.on("zoom", hideTooltip);

  // --- selection: details and neighbourhood highlight -------------------------------------------------
  var highlighted = false;
  function highlight(id) {
    var keep = {};
    keep[id] = true;
    network.getConnectedNodes(id).forEach(function (n) { keep[n] = true; });
    var touching = {};
    network.getConnectedEdges(id).forEach(function (e) { touching[e] = true; });
    nodes.update(data.nodes.map(function (n) { return { id: n.id, color: keep[n.id] ? colors[n.id] : FADED }; }));
    edges.update(data.edges.map(function (e) {
      return { id: e.id, color: touching[e.id] ? colors["e" + e.id] : FADED, font: { color: touching[e.id] ? "#3c4650" : "rgba(0,0,0,0)" } };
    }));
    highlighted = true;
  }
  function unhighlight() {
    if (!highlighted) { return; }
    nodes.update(data.nodes.map(function (n) { return { id: n.id, color: colors[n.id] }; }));
    edges.update(data.edges.map(function (e) { return { id: e.id, color: colors["e" + e.id], font: { color: "#3c4650" } }; }));
    highlighted = false;
  }

  function selectEntity(id) {
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
    highlight(id);
    showEntity(id);
  }

  network.on("click", function (params) {
    hideTooltip();
    if (params.nodes.length) {
      highlight(params.nodes[0]);
      showEntity(params.nodes[0]);
    } else if (params.edges.length) {
      unhighlight();
      showEdge(params.edges[0]);
    } else {
      unhighlight();
      showHint();
    }
  });

  // --- search ---------------------------------------------------------------------------------------
  var names = document.getElementById("kg-entity-names");
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
  function runSearch() {
    var id = findEntity(search.value);
    if (id >= 0) {
      if (!typeOn[data.entities[id].type] || !(unlinkedOn || data.nodes[id].linked)) {
        typeOn[data.entities[id].type] = true;
        syncLegend();
        showUnlinked(true);
      }
      selectEntity(id);
    }
  }
  search.addEventListener("change", runSearch);
  search.addEventListener("keydown", function (event) { if (event.key === "Enter") { runSearch(); } });

  function syncLegend() {
    document.querySelectorAll("#kg-entity-types input").forEach(function (box) { box.checked = typeOn[box.value]; });
    document.querySelectorAll("#kg-relation-types input").forEach(function (box) { box.checked = relOn[box.value]; });
  }

  document.getElementById("kg-reset").addEventListener("click", function () {
    Object.keys(typeOn).forEach(function (k) { typeOn[k] = true; });
    Object.keys(relOn).forEach(function (k) { relOn[k] = true; });
    syncLegend();
    showUnlinked(data.unlinked.shown);
    edgeView.refresh();
    search.value = "";
    network.unselectAll();
    unhighlight();
    showHint();
    network.fit({ animation: false });
  });
}());
