/* actorgraph: interactive graph page.
 *
 * Safety rule: every piece of text that comes from the data (labels, aliases,
 * sentences, article names, the title) reaches the page through textContent
 * only: no HTML-parsing sink is ever used and no vis-network title is set.
 */
(function () {
  "use strict";

  const api = { ready: false, readyMs: null, nodes: null, edges: null, network: null };
  window.actorgraph = api;

  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const NODE_FONT = data.options.nodes.font.color;
  const EDGE_FONT = data.options.edges.font.color;
  const DIM_NODE_FONT = "rgba(107,114,128,0.35)";
  const SHAPES = {
    dot: "circle(46%)",
    square: "inset(10%)",
    diamond: "polygon(50% 0, 100% 50%, 50% 100%, 0 50%)",
    triangle: "polygon(50% 4%, 100% 94%, 0 94%)",
    triangleDown: "polygon(0 6%, 100% 6%, 50% 96%)",
    hexagon: "polygon(25% 6%, 75% 6%, 100% 50%, 75% 94%, 25% 94%, 0 50%)",
    star: "polygon(50% 0, 61% 35%, 98% 35%, 68% 57%, 79% 91%, 50% 70%, 21% 91%, 32% 57%, 2% 35%, 39% 35%)",
  };

  const byId = new Map(data.nodes.map(function (n) { return [n.id, n]; }));
  const edgeById = new Map(data.edges.map(function (e) { return [e.id, e]; }));
  const typeColor = new Map(data.legend.types.map(function (t) { return [t.type, t.color]; }));
  const hiddenTypes = new Set();
  const hiddenRelations = new Set();
  // actors in no fact are hidden until the "show N actors without relations" box is ticked
  const isolatedState = { shown: false, placed: false };
  // labels are never drawn smaller than this many screen pixels (up to MAX_LABEL_GROWTH)
  const MIN_LABEL_PX = 12;
  const MAX_LABEL_GROWTH = 4;
  const NODE_FONT_SIZE = data.options.nodes.font.size;
  const EDGE_FONT_SIZE = data.options.edges.font.size;
  let labelGrowth = 1;
  let dimmed = false;

  // ------------------------------------------------------------------ DOM helpers
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function dataText(tag, className, text) {
    const node = el(tag, className, text);
    node.dir = "auto";
    return node;
  }

  function chip(label, color) {
    const node = el("span", "ag-chip", label);
    node.style.backgroundColor = color;
    return node;
  }

  function kv(rows) {
    const dl = el("dl", "ag-kv");
    rows.forEach(function (row) {
      if (row[1] === null || row[1] === undefined || row[1] === "") return;
      dl.appendChild(el("dt", null, row[0]));
      const dd = el("dd");
      dd.dir = "auto";
      if (row[1] instanceof Node) dd.appendChild(row[1]);
      else dd.textContent = String(row[1]);
      dl.appendChild(dd);
    });
    return dl;
  }

  function plural(n, word) {
    return n + " " + word + (n === 1 ? "" : "s");
  }

  function fmt(x) {
    if (typeof x !== "number") return "";
    if (x !== 0 && Math.abs(x) < 0.01) return x.toExponential(2);
    return Number.isInteger(x) ? String(x) : x.toFixed(3);
  }

  function nodeLink(id) {
    const node = byId.get(id);
    const button = dataText("button", "ag-link", node ? node.label : id);
    button.type = "button";
    button.addEventListener("click", function () { focusNode(id); });
    return button;
  }

  // ------------------------------------------------------------------ cards
  function nodeCard(id, full) {
    const node = byId.get(id);
    const meta = node.ag;
    const card = el("div", "ag-card");
    const title = el("div", "ag-card-title");
    title.appendChild(chip(meta.type, typeColor.get(meta.type) || "#6b7280"));
    title.appendChild(dataText("span", null, node.label));
    card.appendChild(title);
    let aliases = meta.aliases.join(", ");
    if (meta.moreAliases) aliases += " +" + meta.moreAliases + " more";
    card.appendChild(kv([
      ["Type", meta.type],
      ["Also known as", aliases],
      ["Articles", meta.nArticles],
      ["Mentions", meta.mentions],
      ["Relations", meta.degree],
      ["Importance", data.sizeBy + " " + fmt(meta.score)],
    ]));
    if (full) {
      card.appendChild(articleList(meta));
      card.appendChild(relationList(id));
    }
    return card;
  }

  function articleList(meta) {
    const box = el("div");
    if (!meta.articles.length) return box;
    box.appendChild(el("h3", null, "Articles"));
    const list = el("ul");
    meta.articles.forEach(function (name) { list.appendChild(dataText("li", null, name)); });
    if (meta.nArticles > meta.articles.length) {
      list.appendChild(el("li", "ag-more", "+" + (meta.nArticles - meta.articles.length) + " more"));
    }
    box.appendChild(list);
    return box;
  }

  function relationList(id) {
    const box = el("div");
    const rows = data.edges.filter(function (e) { return e.from === id || e.to === id; });
    if (!rows.length) return box;
    box.appendChild(el("h3", null, "Relations"));
    const list = el("ul");
    const limit = 40;
    rows.slice(0, limit).forEach(function (e) {
      const li = el("li");
      const rel = el("span", "ag-rel", e.ag.relation);
      rel.style.color = e.color.color;
      if (e.from === id) {
        li.appendChild(rel);
        li.appendChild(document.createTextNode(" \u2192 "));
        li.appendChild(nodeLink(e.to));
      } else {
        li.appendChild(rel);
        li.appendChild(document.createTextNode(" \u2190 "));
        li.appendChild(nodeLink(e.from));
      }
      list.appendChild(li);
    });
    if (rows.length > limit) list.appendChild(el("li", "ag-more", "+" + (rows.length - limit) + " more"));
    box.appendChild(list);
    return box;
  }

  function edgeCard(id, full) {
    const edge = edgeById.get(id);
    const meta = edge.ag;
    const card = el("div", "ag-card");
    const title = el("div", "ag-card-title");
    title.appendChild(full ? nodeLink(edge.from) : dataText("span", null, byId.get(edge.from).label));
    const rel = el("span", "ag-rel", "\u2014 " + meta.relation + " \u2192");
    rel.style.color = edge.color.color;
    title.appendChild(rel);
    title.appendChild(full ? nodeLink(edge.to) : dataText("span", null, byId.get(edge.to).label));
    card.appendChild(title);
    card.appendChild(kv([
      ["Family", meta.family],
      ["Support", plural(meta.support, "sentence") + " in " + plural(meta.nArticles, "article")],
      ["Confidence", "max " + meta.confidence.toFixed(2)],
    ]));
    const list = el("ul", "ag-evidence");
    meta.evidence.forEach(function (ev) {
      const li = el("li");
      li.appendChild(dataText("span", "ag-sentence", "\u201c" + ev.sentence + "\u201d"));
      const source = dataText("span", "ag-source", ev.article);
      source.appendChild(document.createTextNode(" \u00b7 confidence " + ev.confidence.toFixed(2)));
      li.appendChild(source);
      list.appendChild(li);
    });
    if (meta.more) list.appendChild(el("li", "ag-more", "+" + meta.more + " more"));
    card.appendChild(list);
    return card;
  }

  // ------------------------------------------------------------------ header, legend, filters
  function showCounts(isolatedShown) {
    // "57 actors shown · 60 hidden (in no relation) · 89 relations · 5 articles"
    const counts = document.getElementById("ag-counts");
    counts.textContent = "";
    data.header[isolatedShown ? "shown" : "hidden"].forEach(function (pair, i) {
      if (i) counts.appendChild(document.createTextNode(" \u00b7 "));
      counts.appendChild(el("b", null, pair[0].toLocaleString("en")));
      counts.appendChild(document.createTextNode(" " + pair[1]));
    });
  }

  function fillHeader() {
    document.getElementById("ag-title").textContent = data.title;
    showCounts(false);
    const centre = data.centre ? byId.get(data.centre) : null;
    const centreBox = document.getElementById("ag-centre");
    centreBox.hidden = !centre;
    if (centre) {
      centreBox.appendChild(document.createTextNode("centred on "));
      centreBox.appendChild(dataText("b", null, centre.label));
    }
    document.getElementById("ag-hint").textContent =
      "Hover for a summary \u00b7 click an actor to highlight its neighbourhood \u00b7 " +
      "click empty space or press Esc to reset \u00b7 scroll to zoom";
    showDetails(null);
  }

  function filterRow(name, count, swatch, hidden, onChange) {
    const li = el("li");
    const label = el("label");
    const box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.addEventListener("change", function () {
      if (box.checked) hidden.delete(name);
      else hidden.add(name);
      onChange();
    });
    label.appendChild(box);
    label.appendChild(swatch);
    label.appendChild(dataText("span", "ag-name", name));
    label.appendChild(el("span", "ag-count", count));
    li.appendChild(label);
    return li;
  }

  function bulkButtons(holder, list, hidden, names, onChange) {
    [["all", false], ["none", true]].forEach(function (pair) {
      const button = el("button", null, pair[0]);
      button.type = "button";
      button.addEventListener("click", function () {
        names.forEach(function (n) { if (pair[1]) hidden.add(n); else hidden.delete(n); });
        list.querySelectorAll("input[type=checkbox]").forEach(function (b) { b.checked = !pair[1]; });
        onChange();
      });
      holder.appendChild(button);
    });
  }

  function buildFilters(nodeView, edgeView) {
    const types = document.getElementById("ag-types");
    const refreshNodes = function () { nodeView.refresh(); };
    const refreshEdges = function () { edgeView.refresh(); };
    data.legend.types.forEach(function (t) {
      const swatch = el("span", "ag-swatch");
      swatch.style.backgroundColor = t.color;
      swatch.style.clipPath = SHAPES[t.shape] || SHAPES.dot;
      types.appendChild(filterRow(t.type, t.count, swatch, hiddenTypes, refreshNodes));
    });
    bulkButtons(document.getElementById("ag-types-bulk"), types, hiddenTypes,
      data.legend.types.map(function (t) { return t.type; }), refreshNodes);

    const relations = document.getElementById("ag-relations");
    let family = null;
    let list = null;
    data.legend.relations.forEach(function (r) {
      const color = data.legend.familyColors[r.family];
      if (r.family !== family) {
        family = r.family;
        const head = el("h3");
        const line = el("span", "ag-line");
        line.style.backgroundColor = color;
        head.appendChild(line);
        head.appendChild(el("span", null, family));
        relations.appendChild(head);
        list = el("ul", "ag-filter");
        relations.appendChild(list);
      }
      const line = el("span", "ag-line");
      line.style.backgroundColor = color;
      list.appendChild(filterRow(r.relation, r.count, line, hiddenRelations, refreshEdges));
    });
    bulkButtons(document.getElementById("ag-relations-bulk"), relations, hiddenRelations,
      data.legend.relations.map(function (r) { return r.relation; }), refreshEdges);
  }

  function buildIsolatedToggle(nodeView) {
    const panel = document.getElementById("ag-isolated-panel");
    const box = document.getElementById("ag-isolated");
    panel.hidden = !data.isolated;
    document.getElementById("ag-isolated-text").textContent =
      "Show " + plural(data.isolated, "actor") + " without relations";
    box.checked = false;
    box.addEventListener("change", function () { setIsolatedShown(box.checked, nodeView); });
  }

  function placeIsolated() {
    // put the actors without relations in a grid under the connected ones
    if (isolatedState.placed) return;
    isolatedState.placed = true;
    const network = api.network;
    const placed = network.getPositions();
    let minX = 0, maxX = 0, maxY = 0, first = true;
    Object.keys(placed).forEach(function (id) {
      const p = placed[id];
      if (first) { minX = maxX = p.x; maxY = p.y; first = false; }
      minX = Math.min(minX, p.x); maxX = Math.max(maxX, p.x); maxY = Math.max(maxY, p.y);
    });
    const isolated = data.nodes.filter(function (n) { return n.ag.isolated; });
    const step = 190;
    const cols = Math.max(4, Math.floor((maxX - minX) / step) + 1,
      Math.ceil(Math.sqrt(isolated.length * 1.6)));
    api.nodes.update(isolated.map(function (n, i) {
      return { id: n.id, x: minX + (i % cols) * step, y: maxY + 160 + Math.floor(i / cols) * 90 };
    }));
  }

  function setIsolatedShown(shown, nodeView) {
    if (shown === isolatedState.shown) return;
    document.getElementById("ag-isolated").checked = shown;
    if (shown) placeIsolated();
    isolatedState.shown = shown;
    showCounts(shown);
    nodeView.refresh();
    fitAll(api.network);
  }

  function ensureTypeVisible(type, nodeView) {
    if (!hiddenTypes.has(type)) return;
    hiddenTypes.delete(type);
    document.querySelectorAll("#ag-types input[type=checkbox]").forEach(function (box) {
      if (box.parentNode.querySelector(".ag-name").textContent === type) box.checked = true;
    });
    nodeView.refresh();
  }

  // ------------------------------------------------------------------ details and tooltip
  function showDetails(card) {
    // the card is docked beside the network, which shrinks: it never covers a node
    const box = document.getElementById("ag-details");
    if (card) box.replaceChildren(card);
    else box.replaceChildren();
    document.getElementById("ag-details-card").hidden = !card;
    const stage = document.querySelector(".ag-stage");
    if (stage.classList.contains("ag-docked") !== !!card) {
      stage.classList.toggle("ag-docked", !!card);
      if (api.network) api.network.setSize("100%", "100%");
    }
    return box;
  }

  function keepInView(ids) {
    // after the network shrank, move the view if a selected actor is off screen
    const network = api.network;
    const canvas = network.canvas.frame.canvas;
    const w = canvas.clientWidth, h = canvas.clientHeight, margin = 40;
    const out = ids.some(function (id) {
      const p = network.canvasToDOM(network.getPosition(id));
      return p.x < margin || p.y < margin || p.x > w - margin || p.y > h - margin;
    });
    if (out) network.moveTo({ position: network.getPosition(ids[0]), animation: false });
  }

  const tooltip = document.getElementById("ag-tooltip");

  function showTip(card, pointer) {
    tooltip.replaceChildren(card);
    tooltip.hidden = false;
    const stage = tooltip.parentNode;
    const x = Math.min(pointer.x + 16, stage.clientWidth - tooltip.offsetWidth - 8);
    let y = pointer.y + 16;
    if (y + tooltip.offsetHeight > stage.clientHeight - 8) y = pointer.y - tooltip.offsetHeight - 12;
    tooltip.style.left = Math.max(8, x) + "px";
    tooltip.style.top = Math.max(8, y) + "px";
  }

  function hideTip() {
    tooltip.hidden = true;
    tooltip.replaceChildren();
  }

  // ------------------------------------------------------------------ highlight
  function highlight(nodeIds, edgeIds) {
    const keepNodes = new Set(nodeIds);
    const keepEdges = new Set(edgeIds);
    api.nodes.update(data.nodes.map(function (n) {
      const on = keepNodes.has(n.id);
      return { id: n.id, opacity: on ? 1 : 0.15, font: { color: on ? NODE_FONT : DIM_NODE_FONT } };
    }));
    api.edges.update(data.edges.map(function (e) {
      const on = keepEdges.has(e.id);
      return {
        id: e.id,
        color: Object.assign({}, e.color, { opacity: on ? 1 : 0.08 }),
        font: on ? { color: EDGE_FONT } : { color: "rgba(0,0,0,0)", strokeWidth: 0 },
      };
    }));
    dimmed = true;
  }

  function resetHighlight() {
    if (!dimmed) return;
    api.nodes.update(data.nodes.map(function (n) {
      return { id: n.id, opacity: 1, font: { color: NODE_FONT } };
    }));
    api.edges.update(data.edges.map(function (e) {
      return { id: e.id, color: e.color, font: { color: EDGE_FONT } };
    }));
    dimmed = false;
  }

  function selectNode(id) {
    const network = api.network;
    const neighbours = network.getConnectedNodes(id);
    neighbours.push(id);
    highlight(neighbours, network.getConnectedEdges(id));
    showDetails(nodeCard(id, true));
    keepInView([id]);
  }

  function selectEdge(id) {
    const edge = edgeById.get(id);
    highlight([edge.from, edge.to], [id]);
    showDetails(edgeCard(id, true));
    keepInView([edge.from, edge.to]);
  }

  function clearSelection() {
    resetHighlight();
    api.network.unselectAll();
    showDetails(null);
  }

  let nodeViewRef = null;

  function focusNode(id) {
    const node = byId.get(id);
    if (!node) return null;
    ensureTypeVisible(node.ag.type, nodeViewRef);
    if (node.ag.isolated) setIsolatedShown(true, nodeViewRef);
    const network = api.network;
    network.selectNodes([id]);
    selectNode(id);
    network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 350 } });
    return id;
  }

  // ------------------------------------------------------------------ search
  function squash(text) {
    return String(text)
      .replace(/['\u2018\u2019`\u00b4]/g, "")
      .normalize("NFKD")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]/gu, "");
  }

  const searchIndex = data.nodes.map(function (n) {
    return {
      id: n.id,
      label: squash(n.label),
      aliases: n.ag.aliases.map(squash),
      known: (n.ag.knownAs || []).map(squash),
      size: n.size,
    };
  });

  function matchRank(entry, key) {
    if (entry.label === key) return 0;
    if (entry.aliases.indexOf(key) >= 0) return 1;
    if (entry.known.indexOf(key) >= 0) return 1.5; // the gazetteer's name for it
    if (entry.label.startsWith(key)) return 2;
    if (entry.aliases.some(function (a) { return a.startsWith(key); })) return 3;
    if (entry.label.indexOf(key) >= 0) return 4;
    if (entry.aliases.some(function (a) { return a.indexOf(key) >= 0; })) return 5;
    return -1;
  }

  function findNode(query) {
    const key = squash(query || "");
    if (!key) return null;
    let best = null;
    searchIndex.forEach(function (entry) {
      const rank = matchRank(entry, key);
      if (rank < 0) return;
      if (best === null || rank < best.rank ||
          (rank === best.rank && (entry.size > best.size ||
            (entry.size === best.size && entry.id < best.id)))) {
        best = { rank: rank, size: entry.size, id: entry.id };
      }
    });
    return best && best.id;
  }

  function search(query) {
    const status = document.getElementById("ag-search-status");
    const id = findNode(query);
    if (id === null) {
      status.className = "ag-status";
      status.textContent = String(query || "").trim() ? "No actor matches" : "";
      return null;
    }
    status.className = "ag-status ag-ok";
    status.textContent = byId.get(id).label;
    return focusNode(id);
  }

  function buildSearch() {
    const names = new Set();
    data.nodes.forEach(function (n) {
      names.add(n.label);
      n.ag.aliases.forEach(function (a) { names.add(a); });
    });
    const list = document.getElementById("ag-names");
    const fragment = document.createDocumentFragment();
    Array.from(names).sort().forEach(function (name) {
      const option = document.createElement("option");
      option.value = name;
      fragment.appendChild(option);
    });
    list.appendChild(fragment);
    const input = document.getElementById("ag-search");
    document.getElementById("ag-search-form").addEventListener("submit", function (event) {
      event.preventDefault();
      search(input.value);
    });
    input.addEventListener("input", function (event) {
      if (event.inputType === "insertReplacementText" || event.inputType === undefined) search(input.value);
    });
  }

  // ------------------------------------------------------------------ network
  function markReady() {
    if (api.ready) return;
    api.ready = true;
    api.readyMs = Math.round(performance.now());
    document.body.setAttribute("data-ready", "true");
  }

  function fitAll(network) {
    // fit() frames the drawn node centres; leave a margin for labels at the edges
    network.fit({ animation: false });
    if (network.body.nodeIndices.length > 1) {
      network.moveTo({ scale: network.getScale() * 0.9, animation: false });
    }
    readableLabels(network);
  }

  function readableLabels(network) {
    // grow the label font when zoomed out so that labels stay >= MIN_LABEL_PX on screen
    const scale = network.getScale();
    const growth = Math.min(MAX_LABEL_GROWTH, Math.max(1, MIN_LABEL_PX / (NODE_FONT_SIZE * scale)));
    if (Math.abs(growth - labelGrowth) < 0.05 * labelGrowth) return;
    labelGrowth = growth;
    network.setOptions({
      nodes: { font: { size: Math.round(NODE_FONT_SIZE * growth) } },
      edges: { font: { size: Math.round(EDGE_FONT_SIZE * Math.min(growth, 2)) } },
    });
  }

  function start() {
    fillHeader();
    const nodes = new vis.DataSet(data.nodes);
    const edges = new vis.DataSet(data.edges);
    const nodeView = new vis.DataView(nodes, {
      filter: function (n) {
        return !hiddenTypes.has(n.ag.type) && (isolatedState.shown || !n.ag.isolated);
      },
    });
    const edgeView = new vis.DataView(edges, {
      filter: function (e) { return !hiddenRelations.has(e.ag.relation); },
    });
    nodeViewRef = nodeView;
    api.nodes = nodes;
    api.edges = edges;
    api.search = search;
    api.details = function (kind, id) {
      return showDetails(kind === "edge" ? edgeCard(id, true) : nodeCard(id, true));
    };
    buildFilters(nodeView, edgeView);
    buildIsolatedToggle(nodeView);
    buildSearch();

    const container = document.getElementById("ag-network");
    const network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, data.options);
    api.network = network;
    api.fit = function () { fitAll(network); };
    api.showIsolated = function (shown) { setIsolatedShown(!!shown, nodeView); };
    api.labelPx = function () { return labelGrowth * NODE_FONT_SIZE * network.getScale(); };

    let settled = !data.physics;
    network.once("stabilizationIterationsDone", function () {
      settled = true;
      if (data.freezeAfterStabilization) network.setOptions({ physics: { enabled: false } });
      fitAll(network);
    });
    network.on("afterDrawing", function () { if (settled) markReady(); });
    if (!data.physics) fitAll(network);

    network.on("hoverNode", function (p) { showTip(nodeCard(p.node, false), p.pointer.DOM); });
    network.on("hoverEdge", function (p) { showTip(edgeCard(p.edge, false), p.pointer.DOM); });
    ["blurNode", "blurEdge", "dragStart", "zoom"].forEach(function (name) { network.on(name, hideTip); });
    network.on("zoom", function () { readableLabels(network); });
    network.on("click", function (p) {
      hideTip();
      if (p.nodes.length) selectNode(p.nodes[0]);
      else if (p.edges.length) selectEdge(p.edges[0]);
      else clearSelection();
    });
    document.getElementById("ag-details-close").addEventListener("click", clearSelection);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") clearSelection();
    });
  }

  start();
})();
