/*
 * gkml search UI: queries every Pagefind shard and merges the answers.
 * Classic script (no modules, no bundler); works over http and from file://.
 *
 * DOM contract (search page):
 *   <form id="gkml-search-form" role="search"><input id="gkml-q" name="q" type="search"> …</form>
 *   <div id="gkml-filters"></div>
 *   <div id="gkml-results" aria-live="polite"></div>
 *   <script src="…/gkml-search.js" data-base="<relative path to site root>"></script>
 *
 * Online the index files are fetch()ed; offline (file:) each index file exists
 * as "<file>.js" calling __gkmlPagefindData(key, base64) and is loaded by
 * injecting a <script>.  Both paths feed the same Pagefind code, so answers
 * are identical.
 *
 * Federation (the provincial portal, gkml portal): the manifest may list the
 * shards of several agencies, each tagged {agency, site}; results then link to
 * shard.site + the page URL, and an agency filter (URL parameter "agency")
 * chooses which agencies' shards are asked. One agency's site has no such tags
 * and behaves exactly as before.
 */
(function () {
  'use strict';

  var script = document.currentScript;
  var base = (script && script.getAttribute('data-base')) || './';
  if (!/\/$/.test(base)) base += '/';
  var OFFLINE = location.protocol === 'file:';
  var PF_ROOT = base + 'pagefind/';
  var PF_ROOT_ABS = new URL(PF_ROOT, location.href).href;
  var PAGE_SIZE = 20;
  var DEBOUNCE_MS = 150;
  var WARM_UP_SHARDS = 20;
  // Filter name as indexed -> short URL parameter.
  var FILTERS = [
    { key: '信息分类', param: 'cat' },
    { key: '年份', param: 'year' },
    { key: '发布机构', param: 'org' },
    { key: '体裁', param: 'genre' },
    { key: '有效性', param: 'valid' }
  ];
  var META_FIELDS = ['索引号', '文号', '发布日期', '信息分类'];

  // ---------------------------------------------------------------- loading

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var el = document.createElement('script');
      el.src = src;
      el.async = true;
      el.onload = function () { el.remove(); resolve(); };
      el.onerror = function () { el.remove(); reject(new Error('无法加载 ' + src)); };
      document.head.appendChild(el);
    });
  }

  // Offline registry: key (path below pagefind/) -> waiting resolvers.
  var waiting = {};
  window.__gkmlPagefindData = function (key, b64) {
    var list = waiting[key];
    delete waiting[key];
    (list || []).forEach(function (w) { w(b64); });
  };

  function base64Bytes(b64) {
    var bin = atob(b64);
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return bytes;
  }

  // fetch() stand-in for file:// returning the little of Response Pagefind uses.
  function offlineFetch(url) {
    var abs = new URL(String(url), location.href);
    abs.search = '';
    var href = abs.href;
    if (href.indexOf(PF_ROOT_ABS) !== 0) return Promise.reject(new Error('outside index: ' + href));
    var key = decodeURIComponent(href.slice(PF_ROOT_ABS.length));
    var data = new Promise(function (resolve) {
      (waiting[key] = waiting[key] || []).push(resolve);
    });
    return loadScript(href + '.js').then(function () {
      return data;
    }).then(function (b64) {
      var bytes = base64Bytes(b64);
      return {
        ok: true,
        status: 200,
        arrayBuffer: function () { return Promise.resolve(bytes.buffer); },
        json: function () { return Promise.resolve(JSON.parse(new TextDecoder('utf-8').decode(bytes))); }
      };
    });
  }

  var enginePromise = null;
  var currentManifest = null;

  // Manifest + Pagefind code, loaded once, on the first search.
  function engine() {
    if (enginePromise) return enginePromise;
    var manifest = OFFLINE
      ? loadScript(PF_ROOT + 'shards.js').then(function () { return window.GKML_SHARDS; })
      : fetch(PF_ROOT + 'shards.json').then(function (r) { return r.json(); });
    var lib = loadScript(PF_ROOT + 'gkml-pagefind.js').then(function () {
      if (OFFLINE) window.GkmlPagefind.setFetcher(offlineFetch);
      return window.GkmlPagefind;
    });
    enginePromise = Promise.all([manifest, lib]).then(function (both) {
      currentManifest = both[0];
      return new Engine(both[0], both[1]);
    });
    return enginePromise;
  }

  function Engine(manifest, lib) {
    this.manifest = manifest;
    this.lib = lib;
    this.instances = {};
    this.wasmReady = null;
    this.filtersReady = null;
    this.filtersLoaded = false;
  }

  // One PagefindInstance per shard, created on first use; only the first
  // loads the wasm (shared by all), the others load just entry + meta.
  Engine.prototype.instance = function (shard) {
    var name = shard.name;
    if (this.instances[name]) return this.instances[name];
    var inst = new this.lib.PagefindInstance({
      basePath: PF_ROOT_ABS + shard.path,
      primary: this.wasmReady === null,
      excerptLength: 40
    });
    var lang = this.manifest.language;
    var ready;
    if (this.wasmReady === null) {
      ready = this.wasmReady = inst.init(lang, { load_wasm: true });
    } else {
      // Pagefind's own init for merged indexes waits for the wasm before
      // fetching anything; fetch entry + meta meanwhile, then do the one
      // wasm call that init would do.
      var wasm = this.wasmReady;
      ready = inst.loadEntry().then(function () {
        inst.loadedLanguage = lang;
        return inst.loadMeta(inst.findIndex(lang).hash);
      }).then(function () {
        return wasm;
      }).then(function () {
        inst.raw_ptr = inst.backend.init_pagefind(new Uint8Array(inst.searchMeta));
      }).catch(function (e) {
        inst.initError = e instanceof Error ? e : new Error(String(e));
        throw e;
      });
    }
    // Playground mode only adds per-term match details (result.scores),
    // which alignTerms needs; matching and ranking are unchanged.
    this.instances[name] = ready.then(function () {
      return inst.enterPlaygroundMode();
    }).then(function () { return inst; });
    return this.instances[name];
  };

  // Shards to ask: all, or only those of the chosen agencies (federated manifest).
  Engine.prototype.shardsFor = function (agencies) {
    var all = this.manifest.shards;
    if (!agencies || !agencies.length) return all;
    return all.filter(function (s) { return agencies.indexOf(s.agency) >= 0; });
  };

  Engine.prototype.search = function (term, filters, sort, agencies) {
    var self = this;
    var opts = { filters: filters };
    if (sort === 'date') opts.sort = { published: 'desc' };
    var shards = this.shardsFor(agencies);
    // Make sure the wasm-loading instance exists before the rest.
    if (shards.length) this.instance(shards[0]);
    var insts = shards.map(function (s) { return self.instance(s); });
    return Promise.all(insts).then(function (list) {
      insts = list;
      return Promise.all(list.map(function (inst) { return inst.search(term, opts); }));
    }).then(function (answers) {
      return term ? alignTerms(insts, answers) : answers;
    }).then(function (answers) {
      answers.forEach(function (a, i) {
        a.shard = shards[i];
        a.results.forEach(function (r) { r.gkmlShard = shards[i]; });
      });
      return mergeAnswers(answers, sort);
    });
  };

  // Filter counts need every filter chunk of every shard; they are fetched
  // after the first results are on screen, so they never delay them.
  Engine.prototype.loadFilters = function () {
    var self = this;
    if (!this.filtersReady) {
      this.filtersReady = Promise.all(this.manifest.shards.map(function (s) {
        return self.instance(s).then(function (inst) { return inst.filters(); });
      })).then(function () { self.filtersLoaded = true; });
    }
    return this.filtersReady;
  };

  // ---------------------------------------------------------------- term alignment
  //
  // Pagefind relaxes a query word that is missing from *its* index: it drops
  // the word, or matches a shorter prefix of it (量子 -> 量).  With shards each
  // index decides alone, so a shard lacking a word would return documents a
  // single index would reject.  We find, per word, the form the whole
  // collection would use (longest match over all shards) and discard the
  // answers of shards that only matched a weaker form.  The result set is then
  // the one a single index gives.

  function commonPrefix(a, b) {
    var n = 0;
    while (n < a.length && n < b.length && a.charAt(n) === b.charAt(n)) n++;
    return n;
  }

  // Matched length per query word (0: dropped) from one result's details.
  function formsOf(result, words) {
    var forms = {};
    words.forEach(function (w) {
      var best = 0;
      (result.scores || []).forEach(function (s) {
        best = Math.max(best, commonPrefix(w, String(s.search_term || '')));
      });
      forms[w] = best;
    });
    return forms;
  }

  function alignTerms(insts, answers) {
    var words = [];
    answers.forEach(function (a) { if (!words.length && a.search_keywords) words = a.search_keywords; });
    if (!words.length) return Promise.resolve(answers);
    // Every result of a shard matches every kept word in the same form, so
    // its first result tells that shard's forms.
    var forms = answers.map(function (a) { return a.results.length ? formsOf(a.results[0], words) : null; });
    var best = {};
    words.forEach(function (w) {
      best[w] = 0;
      forms.forEach(function (f) { if (f) best[w] = Math.max(best[w], f[w]); });
    });
    // Shards without results may still hold a stronger form: probe them, but
    // only for words not yet fully matched somewhere (rarely any).
    var weak = words.filter(function (w) { return best[w] < w.length; });
    var probes = [];
    if (weak.length) {
      answers.forEach(function (a, i) {
        if (a.results.length) return;
        weak.forEach(function (w) {
          probes.push(insts[i].search(w, {}).then(function (p) {
            if (p.results.length) best[w] = Math.max(best[w], formsOf(p.results[0], [w])[w]);
          }));
        });
      });
    }
    return Promise.all(probes).then(function () {
      return answers.map(function (a, i) {
        var ok = !forms[i] || words.every(function (w) { return forms[i][w] === best[w]; });
        return ok ? a : { results: [], filters: {}, totalFilters: {} };
      });
    });
  }

  // ---------------------------------------------------------------- merging

  function sumCounts(list) {
    var out = {};
    list.forEach(function (f) {
      Object.keys(f || {}).forEach(function (k) {
        var dst = out[k] = out[k] || {};
        Object.keys(f[k]).forEach(function (v) { dst[v] = (dst[v] || 0) + f[k][v]; });
      });
    });
    return out;
  }

  // 2010年12月7日 -> 20101207 (the fragment has no machine date; day is enough
  // to order across shards, within a shard Pagefind's own sort is exact).
  function dateKey(text) {
    var m = /(\d{4})\D+(\d{1,2})\D+(\d{1,2})/.exec(text || '');
    return m ? (+m[1]) * 10000 + (+m[2]) * 100 + (+m[3]) : -1;
  }

  function loadData(r) {
    if (!r.gkmlData) r.gkmlData = r.data();
    return r.gkmlData;
  }

  function mergeAnswers(answers, sort) {
    var total = 0;
    answers.forEach(function (a) { total += a.results.length; });
    var byAgency = {};
    answers.forEach(function (a) {
      if (a.shard && a.shard.agency) byAgency[a.shard.agency] = (byAgency[a.shard.agency] || 0) + a.results.length;
    });
    var merged = {
      total: total,
      agencies: byAgency,
      filters: sumCounts(answers.map(function (a) { return a.filters; })),
      totalFilters: sumCounts(answers.map(function (a) { return a.totalFilters; }))
    };
    if (sort === 'date') {
      merged.next = dateMerger(answers.map(function (a) { return a.results; }));
    } else {
      var all = [];
      answers.forEach(function (a, shard) {
        a.results.forEach(function (r, pos) { all.push({ r: r, shard: shard, pos: pos }); });
      });
      all.sort(function (x, y) {
        return (y.r.score - x.r.score) || (x.shard - y.shard) || (x.pos - y.pos);
      });
      var i = 0;
      merged.next = function (n) {
        var page = all.slice(i, i + n).map(function (x) { return x.r; });
        i += page.length;
        return Promise.resolve(page);
      };
    }
    return merged;
  }

  // k-way merge of per-shard lists already sorted newest first.
  function dateMerger(lists) {
    // With a sort, Pagefind's score is the page's rank in that sort.
    lists = lists.map(function (l) {
      return l.slice().sort(function (a, b) { return b.score - a.score; });
    });
    var pos = lists.map(function () { return 0; });
    function head(s) {
      var r = lists[s][pos[s]];
      return loadData(r).then(function (d) { return { s: s, key: dateKey(d.meta && d.meta['发布日期']) }; });
    }
    function one() {
      var live = [];
      lists.forEach(function (l, s) { if (pos[s] < l.length) live.push(s); });
      if (!live.length) return Promise.resolve(null);
      return Promise.all(live.map(head)).then(function (heads) {
        var best = heads[0];
        heads.forEach(function (h) { if (h.key > best.key) best = h; });
        return lists[best.s][pos[best.s]++];
      });
    }
    return function (n) {
      var page = [];
      function step() {
        if (page.length >= n) return Promise.resolve(page);
        return one().then(function (r) {
          if (!r) return page;
          page.push(r);
          return step();
        });
      }
      return step();
    };
  }

  // ---------------------------------------------------------------- state

  function readState() {
    var params = new URLSearchParams(location.search);
    var state = { q: params.get('q') || '', sort: params.get('sort') === 'date' ? 'date' : '', filters: {},
      agencies: params.getAll('agency').filter(Boolean) };
    FILTERS.forEach(function (f) {
      var values = params.getAll(f.param).filter(Boolean);
      if (values.length) state.filters[f.key] = values;
    });
    return state;
  }

  function writeState(state, push) {
    var params = new URLSearchParams();
    if (state.q) params.set('q', state.q);
    FILTERS.forEach(function (f) {
      (state.filters[f.key] || []).forEach(function (v) { params.append(f.param, v); });
    });
    (state.agencies || []).forEach(function (a) { params.append('agency', a); });
    if (state.sort) params.set('sort', state.sort);
    var qs = params.toString();
    var url = location.pathname + (qs ? '?' + qs : '') + location.hash;
    try {
      history[push ? 'pushState' : 'replaceState'](null, '', url);
    } catch (e) {
      // Some browsers refuse history changes on file:; the search still works.
    }
  }

  function pagefindFilters(state) {
    var out = {};
    Object.keys(state.filters).forEach(function (k) {
      if (state.filters[k].length) out[k] = { any: state.filters[k].slice() };
    });
    return out;
  }

  function hasFilters(state) {
    if (state.agencies && state.agencies.length) return true;
    return Object.keys(state.filters).some(function (k) { return state.filters[k].length > 0; });
  }

  // ---------------------------------------------------------------- rendering

  function esc(text) {
    return String(text == null ? '' : text).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  // Pagefind URL (/doc/x/ or /doc/x.html) -> link relative to this page.
  function pageHref(rawUrl, shard) {
    var rel = String(rawUrl || '').replace(/^\/+/, '');
    if (shard && shard.site) {
      // Another agency's page, on its own site.
      return shard.site + rel.replace(/(^|\/)index\.html$/, '$1');
    }
    if (OFFLINE) {
      if (rel === '') rel = 'index.html';
      else if (/\/$/.test(rel)) rel = rel.replace(/\/$/, '.html');
    } else if (/(^|\/)index\.html$/.test(rel)) {
      rel = rel.replace(/index\.html$/, '');
    }
    return base + rel;
  }

  function agencyName(shard) {
    var found = null;
    ((enginePromise && currentManifest && currentManifest.agencies) || []).forEach(function (a) {
      if (shard && a.id === shard.agency) found = a.name;
    });
    return found;
  }

  // 文号 and 索引号 wrap only between their parts (before 〔, after /), as on the built pages.
  var TOKEN_FIELDS = { '索引号': true, '文号': true };
  function token(text) {
    return String(text).replace(/\//g, '/\u0000').replace(/〔/g, '\u0000〔').split('\u0000')
      .filter(function (part) { return part !== ''; })
      .map(function (part) { return '<span class="gkml-nobr">' + esc(part) + '</span>'; }).join('<wbr>');
  }

  function renderResult(d, shard) {
    var agency = agencyName(shard);
    var meta = d.meta || {};
    var title = meta.title || meta['索引号'] || d.raw_url;
    var excerpt = String(d.excerpt || '').replace(/\u200B/g, '');
    var rows = META_FIELDS.filter(function (k) { return meta[k]; }).map(function (k) {
      return '<dt>' + esc(k) + '</dt><dd>' + (TOKEN_FIELDS[k] ? token(meta[k]) : esc(meta[k])) + '</dd>';
    }).join('');
    var badge = meta['类型'] === '解读' ? '<span class="gkml-badge gkml-badge--jiedu">解读</span> ' : '';
    return '<li class="gkml-result">' +
      '<h3 class="gkml-result-title">' + badge + '<a href="' + esc(pageHref(d.raw_url, shard)) + '">' + esc(title) + '</a></h3>' +
      (agency ? '<p class="gkml-result-agency">' + esc(agency) + '</p>' : '') +
      (excerpt ? '<p class="gkml-result-excerpt">' + excerpt + '</p>' : '') +
      (rows ? '<dl class="gkml-result-meta">' + rows + '</dl>' : '') +
      '</li>';
  }

  function sortedValues(key, counts) {
    var values = Object.keys(counts);
    if (key === '年份') return values.sort().reverse();
    return values.sort(function (a, b) { return (counts[b] - counts[a]) || (a < b ? -1 : a > b ? 1 : 0); });
  }

  function renderFilters(box, state, merged) {
    var html = '<div class="gkml-filters-head"><h2>筛选</h2>' +
      (hasFilters(state) ? '<button type="button" class="gkml-clear">清除筛选</button>' : '') + '</div>' +
      '<label class="gkml-sort">排序 <select id="gkml-sort">' +
      '<option value=""' + (state.sort ? '' : ' selected') + '>按相关度排序</option>' +
      '<option value="date"' + (state.sort === 'date' ? ' selected' : '') + '>按发布日期排序</option>' +
      '</select></label>';
    var agencies = (currentManifest && currentManifest.agencies) || [];
    if (agencies.length) {
      var counts = (merged && merged.agencies) || {};
      html += '<fieldset class="gkml-filter" data-filter="机关"><legend>机关</legend>';
      agencies.forEach(function (a) {
        var checked = state.agencies.indexOf(a.id) >= 0;
        var asked = !state.agencies.length || checked;
        html += '<label class="gkml-filter-option' + (asked && !counts[a.id] ? ' gkml-empty' : '') + '">' +
          '<input type="checkbox" name="agency" value="' + esc(a.id) + '"' + (checked ? ' checked' : '') + '> ' +
          esc(a.name) + (asked ? ' <span class="gkml-count">(' + (counts[a.id] || 0) + ')</span>' : '') + '</label>';
      });
      html += '</fieldset>';
    }
    FILTERS.forEach(function (f) {
      var all = {};
      var known = merged ? merged.totalFilters[f.key] || {} : {};
      var now = merged ? merged.filters[f.key] || {} : {};
      Object.keys(known).forEach(function (v) { all[v] = now[v] || 0; });
      (state.filters[f.key] || []).forEach(function (v) { all[v] = now[v] || 0; });
      var values = sortedValues(f.key, all);
      if (!values.length) return;
      html += '<fieldset class="gkml-filter" data-filter="' + esc(f.key) + '"><legend>' + esc(f.key) + '</legend>';
      values.forEach(function (v) {
        var checked = (state.filters[f.key] || []).indexOf(v) >= 0;
        html += '<label class="gkml-filter-option' + (all[v] ? '' : ' gkml-empty') + '">' +
          '<input type="checkbox" name="' + esc(f.param) + '" value="' + esc(v) + '"' +
          (checked ? ' checked' : '') + '> ' + esc(v) +
          ' <span class="gkml-count">(' + all[v] + ')</span></label>';
      });
      html += '</fieldset>';
    });
    box.innerHTML = html;
  }

  // ---------------------------------------------------------------- wiring

  function start() {
    var form = document.getElementById('gkml-search-form');
    var input = document.getElementById('gkml-q');
    var filterBox = document.getElementById('gkml-filters');
    var resultsBox = document.getElementById('gkml-results');
    if (!form || !input || !resultsBox) return;
    var state = readState();
    var searchId = 0;
    var current = null;
    var timer = null;
    input.value = state.q;

    function showMore(id, list, button) {
      if (button) button.disabled = true;
      var shards = [];
      return current.next(PAGE_SIZE).then(function (page) {
        shards = page.map(function (r) { return r.gkmlShard; });
        return Promise.all(page.map(loadData));
      }).then(function (datas) {
        if (id !== searchId) return;
        list.insertAdjacentHTML('beforeend', datas.map(function (d, i) { return renderResult(d, shards[i]); }).join(''));
        if (button) button.remove();
        if (list.children.length < current.total) {
          var more = document.createElement('button');
          more.type = 'button';
          more.className = 'gkml-more';
          more.textContent = '显示更多结果';
          more.addEventListener('click', function () { showMore(id, list, more); });
          resultsBox.appendChild(more);
        }
      });
    }

    function run() {
      var id = ++searchId;
      var term = state.q.trim();
      if (!term && !hasFilters(state)) {
        current = null;
        resultsBox.innerHTML = '';
        if (filterBox) filterBox.innerHTML = '';
        return Promise.resolve();
      }
      resultsBox.setAttribute('aria-busy', 'true');
      var eng;
      return engine().then(function (e) {
        eng = e;
        return eng.search(term || null, pagefindFilters(state), state.sort, state.agencies);
      }).then(function (merged) {
        if (id !== searchId) return;
        current = merged;
        if (filterBox && eng.filtersLoaded) renderFilters(filterBox, state, merged);
        var shown;
        if (!merged.total) {
          resultsBox.innerHTML = '<p class="gkml-empty-result">没有找到相关文件</p>';
          shown = Promise.resolve();
        } else {
          resultsBox.innerHTML = '<p class="gkml-summary">共找到 <strong>' + merged.total + '</strong> 条结果</p>' +
            '<ol class="gkml-result-list"></ol>';
          shown = showMore(id, resultsBox.querySelector('ol'), null);
        }
        shown.then(function () {
          // Hook for page code and measurements: results are on screen.
          if (id === searchId) resultsBox.dispatchEvent(new CustomEvent('gkml:results', { bubbles: true, detail: { total: merged.total } }));
        });
        if (filterBox && !eng.filtersLoaded) {
          // Only once the results are on screen: fetch filter data, count again.
          shown.then(function () {
            return eng.loadFilters();
          }).then(function () {
            if (id !== searchId) return null;
            return eng.search(term || null, pagefindFilters(state), state.sort, state.agencies);
          }).then(function (counted) {
            if (counted && id === searchId) renderFilters(filterBox, state, counted);
          });
        }
        return shown;
      }).catch(function (err) {
        if (id !== searchId) return;
        if (window.console) console.error(err);
        resultsBox.innerHTML = '<p class="gkml-error">搜索功能暂时不可用，请稍后再试。</p>';
      }).then(function () {
        if (id === searchId) resultsBox.removeAttribute('aria-busy');
      });
    }

    form.addEventListener('submit', function (e) {
      e.preventDefault();
      clearTimeout(timer);
      state.q = input.value;
      writeState(state, true);
      run();
    });
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        state.q = input.value;
        writeState(state, false);
        run();
      }, DEBOUNCE_MS);
    });
    if (filterBox) {
      filterBox.addEventListener('change', function (e) {
        var t = e.target;
        if (t.id === 'gkml-sort') {
          state.sort = t.value === 'date' ? 'date' : '';
        } else if (t.type === 'checkbox' && t.name === 'agency') {
          state.agencies = state.agencies.filter(function (a) { return a !== t.value; });
          if (t.checked) state.agencies.push(t.value);
        } else if (t.type === 'checkbox') {
          var f = FILTERS.filter(function (x) { return x.param === t.name; })[0];
          if (!f) return;
          var values = (state.filters[f.key] || []).filter(function (v) { return v !== t.value; });
          if (t.checked) values.push(t.value);
          if (values.length) state.filters[f.key] = values;
          else delete state.filters[f.key];
        } else {
          return;
        }
        writeState(state, true);
        run();
      });
      filterBox.addEventListener('click', function (e) {
        if (!e.target.classList || !e.target.classList.contains('gkml-clear')) return;
        state.filters = {};
        state.agencies = [];
        writeState(state, true);
        run();
      });
    }
    window.addEventListener('popstate', function () {
      state = readState();
      input.value = state.q;
      run();
    });
    run();
    // Warm up while the reader is still typing: the wasm and every shard's entry and
    // metadata are needed by any first query, so load them as soon as the page is idle.
    if (!state.q.trim()) {
      (window.requestIdleCallback || setTimeout)(function () {
        engine().then(function (e) {
          // A province's portal lists a hundred agencies' shards: warming them all would cost
          // a reader who never searches ~10 KB each; there the first query loads them.
          if (e.manifest.shards.length > WARM_UP_SHARDS) return;
          e.manifest.shards.forEach(function (shard) { e.instance(shard).catch(function () {}); });
        }).catch(function () { /* the first search reports it */ });
      });
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
