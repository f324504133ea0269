/*
 * gkml search UI: queries every Pagefind shard and merges the answers.
 * Classic script (no modules, no bundler); works over http and from file://.
 *
 * DOM contract (search page):
 *   <form id="gkml-search-form" role="search"><input id="gkml-q" name="q" type="search"> …</form>
 *   <div id="gkml-filters"></div>
 *   <div id="gkml-results"></div>  (the script puts a role=status line before it: the number found)
 *   <script src="…/gkml-search.js" data-base="<relative path to site root>"></script>
 *
 * Online the index files are fetch()ed; offline (file:) each index file exists
 * as "<file>.js" calling __gkmlPagefindData(key, base64) and is loaded by
 * injecting a <script>.  Both paths feed the same Pagefind code, so answers
 * are identical.
 *
 * Federation (the provincial portal, gkml portal): the manifest may list the
 * shards of several agencies, each tagged {agency, site}, and the agencies
 * themselves; results then link to shard.site + the page URL, each names its
 * agency, and an agency filter (URL parameter "agency", with per-agency counts)
 * chooses which agencies' shards are asked. One agency's site has no such tags
 * and behaves exactly as without them.
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
  // Above this many shards (a province's portal) the idle warm-up is skipped.
  var WARM_UP_SHARDS = 20;
  // The index's names are site/document_page.py's INDEX_FILTERS and INDEX_META (a test holds them equal).
  // Filter name as indexed -> short URL parameter.
  var FILTERS = [
    { key: '信息分类', param: 'cat' },
    { key: '年份', param: 'year' },
    { key: '发布机构', param: 'org' },
    { key: '体裁', param: 'genre' },
    { key: '有效性', param: 'valid' }
  ];
  var META_FIELDS = ['索引号', '文号', '发布日期', '信息分类'];
  // The profile's label of a field, by the name it is indexed under (data-labels; a portal's page gives none).
  var LABELS = {};
  try { LABELS = JSON.parse((script && script.getAttribute('data-labels')) || '{}') || {}; } catch (e) { LABELS = {}; }
  // An offline copy's search page says what it holds (data-snapshot, outputs/offline/snapshot.py): a document
  // published after the copy was made is not found in it, and an empty answer says why.
  var SNAPSHOT = (script && script.getAttribute('data-snapshot')) || '';
  function labelOf(key) { return Object.prototype.hasOwnProperty.call(LABELS, key) && LABELS[key] ? String(LABELS[key]) : key; }

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
    var abs = new URL(versioned(url), location.href);
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
  var lastFreshCheck = 0;
  var FRESH_CHECK_MS = 10000;

  // shards.json as the server has it now. Not revalidated: a file published again within
  // the same second as the one cached (a quick rebuild, rsync -a) has the same
  // Last-Modified, and the server would answer 304 with the old index's names.
  function fetchManifest() {
    return fetch(PF_ROOT + 'shards.json', { cache: 'no-store' });
  }

  function dropEngine() {
    enginePromise = null;
    currentManifest = null;
  }

  // A page left open while the site is published again (a preview re-indexing under
  // mkdocs serve, a deploy) would go on searching the index it loaded, whose files are
  // gone: silently no results. Before a search, at most every 10 s (`now`: at once), ask
  // whether the shards' indexes are still the ones loaded; if not, or if shards.json
  // cannot be read (a deploy half done), start over. Resolves whether it did.
  function checkFresh(now) {
    if (OFFLINE || !currentManifest || currentManifest.agencies ||
        (!now && Date.now() - lastFreshCheck < FRESH_CHECK_MS)) {
      return Promise.resolve(false);
    }
    lastFreshCheck = Date.now();
    var loaded = currentManifest;
    var key = function (m) {
      return (m.shards || []).map(function (s) { return s.name + ':' + (s.meta || ''); }).join('|');
    };
    return fetchManifest().then(function (r) {
      return r.ok ? r.json() : null;
    }).then(function (m) {
      return !m || key(m) !== key(loaded);
    }, function () {
      return true;
    }).then(function (stale) {
      if (stale && currentManifest === loaded) dropEngine();
      return stale;
    });
  }

  // Pagefind searches on without an index file it cannot load (it only logs it), so an
  // index replaced under the page gives a short answer, not an error: count them.
  var missingFiles = 0;
  function onlineFetch(url) {
    return fetch(versioned(url)).then(function (r) {
      if (!r.ok) missingFiles++;
      return r;
    });
  }

  // The browser cannot run the search (an old 360 or QQ browser's core): the page says so.
  function unsupported() {
    var error = new Error('this browser cannot run Pagefind');
    error.unsupported = true;
    return error;
  }

  // Manifest + Pagefind code, loaded once, on the first search.
  function engine() {
    if (enginePromise) return enginePromise;
    var manifest = OFFLINE
      ? loadScript(PF_ROOT + 'shards.js').then(function () { return window.GKML_SHARDS; })
      : fetchManifest().then(function (r) { return r.json(); });
    var lib = loadScript(PF_ROOT + 'gkml-pagefind.js').then(function () {
      // loaded but not run: Pagefind's syntax (?. and ??) is newer than the browser (Chromium < 80)
      if (!window.GkmlPagefind) throw unsupported();
      window.GkmlPagefind.setFetcher(OFFLINE ? offlineFetch : onlineFetch);
      return window.GkmlPagefind;
    });
    enginePromise = Promise.all([manifest, lib]).then(function (both) {
      currentManifest = both[0];
      lastFreshCheck = Date.now();
      return new Engine(both[0], both[1]);
    });
    return enginePromise;
  }

  // gkml's bundles name fragments by page number (search/bundle.py), and the next index
  // reuses the numbers: they are in a folder named by their index, fragment/<index>/<n>,
  // so no cache hands a page a fragment of an earlier index. Pagefind asks for
  // fragment/<n>: ask in the folder of the index this shard loaded.
  var fragmentVersions = {};  // shard folder URL -> the name of the index loaded from it
  function versioned(url) {
    var u = new URL(String(url), location.href).href;  // Pagefind asks by path: /pagefind/…
    var at = u.lastIndexOf('/fragment/');
    var meta = at >= 0 && /^\d+\.pf_fragment$/.test(u.slice(at + 10)) ? fragmentVersions[u.slice(0, at + 1)] : null;
    return meta ? u.slice(0, at + 10) + meta + '/' + u.slice(at + 10) : url;
  }

  // A page's date rank: its number in gkml's bundles (numbered by date), else the
  // rank Pagefind's date sort gave (an older agency's bundle in a portal).
  function dateRank(r) {
    return /^\d+$/.test(r.id) ? Number(r.id) : r.score;
  }

  function Engine(manifest, lib) {
    fragmentVersions = {};
    this.manifest = manifest;
    this.lib = lib;
    this.instances = {};
    this.wasmReady = null;
    this.filtersLoaded = {};  // shard name -> its filter chunks are loaded
    this.prefixFiles = {};  // shard name -> promise of its prefix list (search/prefixes.py)
  }

  // One PagefindInstance per shard, created on first use; only the first
  // loads the wasm (shared by all), the others load just entry + meta.
  Engine.prototype.instance = function (shard) {
    var name = shard.name;
    if (this.instances[name]) return this.instances[name];
    var inst = new this.lib.PagefindInstance({
      basePath: PF_ROOT_ABS + shard.path,
      primary: this.wasmReady === null,
      exactDiacritics: true  // e is not é: substring truth, not Pagefind's folding
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
    this.instances[name] = ready.then(function () {
      fragmentVersions[PF_ROOT_ABS + shard.path] = inst.findIndex(lang).hash;
      return inst;
    });
    return this.instances[name];
  };

  // ---------------------------------------------------------------- the search alphabet
  //
  // Mirror of plugins/gkml/search/text.py (read its docstring): the index holds,
  // at every character position of the normalised text, the token unit(i)+unit(i+1).
  // A query of n >= 2 characters is the quoted phrase of its n-1 bigram tokens,
  // which Pagefind finds only at consecutive positions: exactly where the text
  // contains the query.  One character is one word: CHAR + its unit, which the
  // stream holds once for each character of the document (TITLE_CHAR: of its title).

  var ESCAPE = '\uff58';  // ｘ
  var NUMBER = '\uff57';  // ｗ
  var FIELD = '\uff46';  // ｆ: a token of the 文号 field alone
  var CHAR = '\uff55';  // ｕ: a character the document holds
  var TITLE_CHAR = '\uff54';  // ｔ: a character its title holds
  var META_MARK = '\uff59';  // ｙ
  var SEPARATOR = '|';
  var PREFIXES_FILE = 'gkml-prefixes.json';  // search/prefixes.py
  var TITLE_POSITIONS = 256;
  // text._FOLDS: 文号 look-alike brackets, and the final sigma (lower case writes it by context).
  var FOLDS = { '[': '\u3014', ']': '\u3015', '\u3010': '\u3014', '\u3011': '\u3015',
    '\u3016': '\u3014', '\u3017': '\u3015', '(': '\u3014', ')': '\u3015', '\u03c2': '\u03c3' };

  // text.normalise; the dropped class also holds text._VARIATION, the variation selectors.
  function normalise(text) {
    return String(text).normalize('NFKC').toLowerCase()
      .replace(/[[\]()\u3010\u3011\u3016\u3017\u03c2]/g, function (c) { return FOLDS[c]; })
      .replace(/[\s\p{Cc}\p{Cf}\u180b-\u180d\u180f\ufe00-\ufe0f\u{e0100}-\u{e01ef}]/gu, '');
  }

  // text.PLAIN: the code points that stand for themselves, a fixed list (this browser's
  // Unicode is newer than the build's Python's: \p{L} would disagree with the index).
  var PLAIN = [[0x30, 0x39], [0x61, 0x7a], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0x20000, 0x2a6df],
    [0x2a700, 0x2b738], [0x2b740, 0x2b81d], [0x2b820, 0x2cea1], [0x2ceb0, 0x2ebe0], [0x30000, 0x3134a]];

  function unit(c) {
    var cp = c.codePointAt(0);
    for (var i = 0; i < PLAIN.length; i++) {
      if (cp >= PLAIN[i][0] && cp <= PLAIN[i][1]) return c;
    }
    var hex = cp.toString(16);
    return ESCAPE + '000000'.slice(hex.length) + hex;
  }

  // Tokens one query term must match at consecutive positions.
  function queryTokens(chars) {
    if (chars.length === 1) return [unit(chars[0])];
    var out = [];
    for (var i = 0; i + 1 < chars.length; i++) out.push(unit(chars[i]) + unit(chars[i + 1]));
    return out;
  }

  // Where Python's str.split splits (the benchmark's and the tests' truth): JavaScript's \s
  // also holds U+FEFF but not U+001C-U+001F and U+0085.
  var SPACES = /[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

  // A / or - between words joins them as a space would (政府信息/公开, 应急-预案: both words), as do
  // dashes and waves (应急—预案, 应急——预案, 应急～预案); one touching an ASCII letter or digit is part
  // of a code (GB/T, COVID-19, 2024-03): text._WORD_JOINS.
  var WORD_JOINS = /(?<=[^0-9A-Za-z/~\u2013-\u2015\u301c-])[/~\u2013-\u2015\u301c-]+(?=[^0-9A-Za-z/~\u2013-\u2015\u301c-])/g;
  // A 、 lists words (矿山、整治): every one of them, as a space would (text._LIST_COMMA).
  var LIST_COMMA = /\u3001/g;
  var LIST_ONLY = new RegExp('^[\u3001' + SPACES.source.slice(1, -2) + ']*$');  // a query of 、 alone: itself
  // A - leading a word (应急预案 -演练) is kept: searched as typed, no exclusion (text._LEADING_MINUS).
  var LEADING_MINUS = /(?<!\S)-(?=[^\s0-9A-Za-z/~\u2013-\u2015\u301c-])/g;

  // Quotes around the whole query or a word ("应急预案", “应急预案”) are dropped: the search is exact
  // already (quotesDropped: the page says they are not needed); inside a word (“十四五”规划) they are text
  // (text._QUOTED_QUERY, text._QUOTED_WORD).
  var QUOTED_QUERY = /^[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*["'\u201c\u201d\u2018\u2019\u300c-\u300f]+[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*([\s\S]*[^"'\u201c\u201d\u2018\u2019\u300c-\u300f\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*["'\u201c\u201d\u2018\u2019\u300c-\u300f]+[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;
  var QUOTED_WORD = /(?<![^\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])["'\u201c\u201d\u2018\u2019\u300c-\u300f]+([^\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"'\u201c\u201d\u2018\u2019\u300c-\u300f](?:[^\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"'\u201c\u201d\u2018\u2019\u300c-\u300f])?)["'\u201c\u201d\u2018\u2019\u300c-\u300f]+(?![^\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])/g;

  // What normalise drops but whitespace (a zero-width space pasted before “应急预案”, a NUL), dropped before
  // the quote and minus rules read the query (text._unseen_dropped).
  var UNSEEN_IN_QUERY = /[\p{Cc}\p{Cf}\u180b-\u180d\u180f\ufe00-\ufe0f\u{e0100}-\u{e01ef}]/gu;

  // The query as its words are split: a word's leading - kept, a / or - between words a space;
  // `unquote`: the quotes around the query or a word dropped (queryTerms) or not (quotesDropped).
  function spacedQuery(query, unquote) {
    var typed = String(query || '').normalize('NFKC').replace(UNSEEN_IN_QUERY, function (c) { return SPACES.test(c) ? c : ''; })
;
    if (!LIST_ONLY.test(typed)) typed = typed.replace(LIST_COMMA, ' ');  // before the quotes are read: “预案”、“演练”
    if (unquote) typed = typed.replace(QUOTED_WORD, '$1').replace(QUOTED_QUERY, '$1');
    var spaced = typed.replace(LEADING_MINUS, '\0').replace(WORD_JOINS, ' ').replace(/\0/g, '-');
    return unquote ? spaced.replace(QUOTED_WORD, '$1') : spaced;  // a word the joins split off: 《条例》/“规划”
  }

  function quotesDropped(query) {
    return spacedQuery(query, true) !== spacedQuery(query, false);
  }

  // The reader's query -> distinct normalised terms, each an array of characters (text.query_terms).
  function queryTerms(query) {
    var seen = {};
    var terms = [];
    spacedQuery(query, true).split(SPACES).forEach(function (part) {
      var text = normalise(part);
      if (text && !seen[text]) {
        seen[text] = true;
        terms.push({ text: text, chars: Array.from(text) });
      }
    });
    return terms;
  }

  // A query found nowhere may hold what the reader added, not what a document says: punctuation
  // at a term's ends (应急预案？, “十四五”), a 文号 without its brackets (皖政2024 3号), 文 after it. The search
  // stays exact (a result contains what was typed); the empty answer offers the query without
  // them. '' when there is nothing else to offer.
  // (皖政2024年3号, 皖政2024年第3号: the year said as in speech)
  // (皖应急〔2019〕第52号, [2019]第52号: 第 said inside a 文号 with its brackets, none of which writes it)
  var NUMBER_TYPED = /^(\D*?[^\d\s[\]()\u3010\u3011\u3014-\u3017])\s*(?:[[(\u3010\u3014\u3016]\s*)?((?:19|20)\d\d)\s*(?:\u5e74|[\])\u3011\u3015\u3017])?\s*\u7b2c?\s*(\d{1,5})\s*号$/;
  var ENDS = /^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu;

  // What shows nothing yet turns or hides text (a bidi control, a zero-width space) is not offered
  // back: a crafted ?q= would print the offer's link backwards on the agency's page.
  var UNSEEN = /[\p{Cc}\p{Cf}]/gu;

  // (U+FEFF is JavaScript's \s, not Python's: inside a word it is no space, as where queryTerms splits.)
  function visible(query) {
    return String(query || '').replace(UNSEEN, function (c) { return SPACES.test(c) ? ' ' : ''; }).trim();
  }

  // 42,386.57万元: a thousands separator no text writes (tables write 42386.57) is offered without it; quotes
  // inside a word (“十四五”应急体系) are offered as the words they set apart (十四五 应急体系), never half a pair.
  var THOUSANDS = /([0-9]),(?=[0-9]{3}(?![0-9]))/g;
  // 002986620-202602-00056: an index number typed with a dash for its / (content.indexno: the code, /, the year or
  // month, -, five digits) is offered as the pages write it.
  var INDEX_DASHED = /^([0-9a-z]{9}|[0-9a-z]{18})[-_\u2013-\u2015]((?:19|20)[0-9]{2}(?:[0-9]{2})?-[0-9]{5})$/i;
  var INNER_QUOTES = /["\u201c\u201d\u2018\u2019\u300a-\u300f]+/g;

  // 国发〔2020〕3号文, 3号文件: readers name the document a 文号 numbers; the 文号 ends in 号.
  var DOC_NO_NAMED = /(\d\s*号)(?:文件|文)(?=\s|$)/g;

  // A day typed as some bodies write it (2024.3.2, 2024/03/02, 2024年03月02日, 2024-3-2, 二〇二四年三月二日, 2024年3月2)
  // is offered as the pages show one (2024年3月2日), which finds every document writing that day in any of these
  // forms (search.dates); 2024-03-02 finds them already. A range (2024.3.2-5, 2024年3月2日至5日) is offered as
  // both its days, which every document writing it in any form holds: search.dates.offered, one rule.
  var DAY_UNENDED = /^(?:19|20)[0-9]{2}\u5e74[0-9]{1,2}\u6708[0-9]{1,2}$/;
  function dayShown(word) {
    var text = normalise(word);
    var typed = DAY_UNENDED.test(text) ? text + '\u65e5' : text;
    var found = writings(typed);
    var covered = {};
    found.forEach(function (w) { for (var i = w.span[0]; i < w.span[1]; i++) covered[i] = true; });
    var rest = typed.split('').some(function (c, i) { return !covered[i] && !RANGE_TO_CHAR.test(c); });
    if (!found.length || rest || (found.length === 1 && found[0].forms.indexOf(text) >= 0)) return word;
    return found.map(function (w) { return w.forms[0]; }).join(' ');
  }

  function retyped(query) {
    var typed = visible(String(query || '').normalize('NFKC')).replace(DOC_NO_NAMED, '$1');
    var number = NUMBER_TYPED.exec(typed);
    var offer = number ? number[1] + '\u3014' + number[2] + '\u3015' + number[3] + '号'
      : typed.replace(THOUSANDS, '$1').replace(INNER_QUOTES, ' ').split(SPACES)
        .map(function (part) { return dayShown(part.replace(ENDS, '').replace(INDEX_DASHED, '$1/$2')); }).filter(Boolean).join(' ');
    var key = function (q) { return queryTerms(q).map(function (t) { return t.text; }).join(' '); };
    return key(offer) && key(offer) !== key(query) ? offer : '';
  }

  function termsKey(q) { return queryTerms(q).map(function (t) { return t.text; }).join(' '); }

  // A reader joins the words every document must hold with + (应急预案+演练, ＋, 应急预案 + 演练), a 、
  // or a comma: a query no document holds as typed is then asked again as its words, all of them
  // (terms separated by spaces). A + that ends a word is kept (C++, 互联网+); '' when nothing splits.
  // after NFKC: ，→, ；→;  not a thousands separator (42,386.57: THOUSANDS)
  var JOINERS = /(?:[\s\u3001;]|,(?![0-9]{3}(?![0-9]))|(?<![0-9]),)+/;
  var LONE_PLUS = /(^|\s)\++(\s|$)/;
  function allWords(query) {
    var words = [];
    visible(String(query || '').normalize('NFKC')).split(JOINERS).forEach(function (part) {
      part.split(/\++(?=[^+])/).forEach(function (w) { if (w && !/^\++$/.test(w)) words.push(w); });
    });
    var joined = words.join(' ');
    return termsKey(joined) && termsKey(joined) !== termsKey(query) ? joined : '';
  }

  // Other search engines exclude a word led by - (应急预案 -演练, －演练, -covid); this one excludes nothing:
  // such a word is searched as typed (queryTerms; -5℃ is no such word). The page says so, and an empty
  // answer offers the query without those words, not their opposite (应急预案 演练).
  var EXCLUDING = /(^|\s)(-[^\s0-9/~\u2013-\u2015\u301c-]\S*)/g;
  function excluding(query) {
    var found = [];
    visible(String(query || '').normalize('NFKC')).replace(EXCLUDING, function (m, before, word) {
      found.push(word);
      return m;
    });
    return found;
  }
  function withoutExcluding(query) {
    return visible(String(query || '').normalize('NFKC')).replace(EXCLUDING, '$1').split(SPACES).filter(Boolean).join(' ');
  }
  function noExclusion(query) {
    var words = excluding(query);
    return words.length ? '本站检索不能排除词语，' + words.map(function (w) { return '“' + esc(w) + '”'; }).join('') +
      '按原文查找。' : '';
  }

  // Quotes a reader types from habit (other engines' phrase marks) are dropped by queryTerms; the page says so.
  function quotesNote(query) {
    return quotesDropped(query) ? '<p class="gkml-no-quotes">本站检索按原文逐字查找，无需加引号。</p>' : '';
  }

  // A query typed in traditional characters (應急預案) is found in no simplified site: the empty
  // answer offers it in simplified ones. The table (gkml-t2s.js beside this script, made by
  // tools/make-t2s) is loaded only then; the index is never folded (乾/干, 後/后 depend on context).
  var T2S_SRC = script && script.src ? script.src.replace(/[^/?#]*([?#].*)?$/, 'gkml-t2s.js')
    : base + 'assets/gkml/search/gkml-t2s.js';
  var HAN = /[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]/u;
  var t2sTable = null;
  function simplified(query) {
    if (!HAN.test(query)) return Promise.resolve(query);
    if (!t2sTable) {
      t2sTable = (window.GKML_T2S ? Promise.resolve() : loadScript(T2S_SRC)).then(function () {
        var from = Array.from(window.GKML_T2S.from);
        var to = Array.from(window.GKML_T2S.to);
        var map = {};
        for (var i = 0; i < from.length; i++) map[from[i]] = to[i];
        return map;
      }).catch(function () {
        t2sTable = null;  // asked again next time; this answer offers no simplified query
        return {};
      });
    }
    return t2sTable.then(function (map) {
      return narrow(Array.from(query).map(function (c) { return map[c] || c; }).join(''));
    });
  }

  // An offer writes letters, digits and the signs between them as the site does (ａｂｃ類, ＰＭ２．５ → abc类,
  // PM2.5: what the search reads them as, NFKC); the punctuation Chinese text types full width (！（），：；？～) stays.
  var WIDE = /[\uff02-\uff07\uff0a\uff0b\uff0d-\uff19\uff1c-\uff1e\uff20-\uff5d]/g;
  function narrow(text) {
    return text.replace(WIDE, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xfee0); });
  }

  // What the empty answer to `query` offers: its words without what no document holds, in
  // simplified characters; '' if that is the query itself.
  function offerFor(query) {
    var offer = retyped(query) || visible(query);
    return simplified(offer).then(function (s) {
      return termsKey(s) && termsKey(s) !== termsKey(query) ? s : '';
    });
  }

  // Pagefind content (the token stream) -> segments of normalised text with the
  // position of each segment's first character.
  function decodeContent(content) {
    var segments = [];
    var current = null;
    String(content || '').split(' ').forEach(function (token, pos) {
      var mark = token.charAt(0);
      if (!token || token === SEPARATOR || mark === NUMBER || mark === FIELD || mark === CHAR || mark === TITLE_CHAR) {
        current = null;
        return;
      }
      var c = token.charAt(0) === ESCAPE
        ? String.fromCodePoint(parseInt(token.slice(1, 7), 16))
        : String.fromCodePoint(token.codePointAt(0));
      if (!current) segments.push(current = { start: pos, text: '' });
      current.text += c;
    });
    return segments;
  }

  // The meta value of search/excerpts.py (read its docstring): stream position -> the
  // original text shown there, for the positions where it is not the normalised character.
  // {} for a bundle without it (built by an older gkml) or in an unknown format.
  var ORIGINAL_KEY = '\uff59orig';
  var ORIGINAL_VERSION = '\u2801';
  var SPACE_AFTER = ' ';

  function decodeOriginal(value) {
    var out = {};
    value = String(value || '');
    if (value.charAt(0) !== ORIGINAL_VERSION) return out;
    var bytes = [];
    for (var k = 1; k < value.length; k++) {
      var b = value.charCodeAt(k) - 0x2800;
      if (b < 0 || b > 255) return {};
      bytes.push(b);
    }
    var at = 0;
    function varint() {
      var n = 0;
      var shift = 0;
      while (at < bytes.length) {
        var b = bytes[at++];
        n += (b & 0x7f) * Math.pow(2, shift);
        if (b < 0x80) return n;
        shift += 7;
      }
      throw new Error('truncated');
    }
    try {
      var entries = [];
      var decoder = new TextDecoder('utf-8');
      for (var n = varint(); n > 0; n--) {
        var len = varint();
        if (at + len > bytes.length) throw new Error('truncated');
        entries.push(decoder.decode(new Uint8Array(bytes.slice(at, at + len))));
        at += len;
      }
      var pos = -1;
      while (at < bytes.length) {
        pos += varint() + 1;
        var entry = entries[varint()];
        if (entry === undefined) throw new Error('entry');
        out[pos] = entry;
      }
    } catch (e) {
      return {};  // a damaged value: the normalised text, as before
    }
    return out;
  }

  // records.py: the marker starts the value, then ｙｓ (whitespace), ｙｙ (ｙ itself) and
  // ｙ + three Braille bytes (a letter written by its code point).
  function metaText(value) {
    var text = String(value || '').replace(new RegExp('^' + META_MARK), '');
    return text.replace(/\uff59([\u2800-\u28ff]{3}|[\s\S]?)/g, function (m, c) {
      if (c.length === 3) {
        return String.fromCodePoint((c.charCodeAt(0) - 0x2800) * 65536 + (c.charCodeAt(1) - 0x2800) * 256 +
          c.charCodeAt(2) - 0x2800);
      }
      return c === META_MARK ? META_MARK : ' ';
    });
  }

  // ---------------------------------------------------------------- searching

  // A one-character text term is its character word; one 文号 character is a prefix search.
  function phraseOf(term) {
    if (term.chars.length === 1 && !term.field) return CHAR + unit(term.chars[0]);
    var tokens = queryTokens(term.chars).map(function (t) { return term.field ? FIELD + t : t; });
    return term.chars.length === 1 ? tokens[0] : '"' + tokens.join(' ') + '"';
  }

  // A one-character 文号 term is a prefix search, but Pagefind loads only the index chunk
  // holding the character itself; the chunks that continue its tokens are preloaded
  // first (search/prefixes.py lists their first words per shard; a bundle without
  // the list is searched as before).
  Engine.prototype.loadPrefixes = function (shard, inst, terms) {
    var keys = terms.filter(function (t) { return t.chars.length === 1 && t.field; }).map(phraseOf);
    if (!keys.length) return Promise.resolve();
    var url = PF_ROOT + shard.path + PREFIXES_FILE;
    var lists = this.prefixFiles[shard.name];
    if (!lists) {
      lists = this.prefixFiles[shard.name] = (OFFLINE ? offlineFetch(url) : fetch(url)).then(function (r) {
        if (!r.ok) throw new Error('no prefix list');
        return r.json();
      }).catch(function () { return {}; });
    }
    return lists.then(function (found) {
      var words = [];
      Object.keys(found).forEach(function (p) {
        // a listed prefix may be a chunk boundary Pagefind shortened (ｘ00ff for ｘ00ff0c)
        if (keys.some(function (k) { return k.indexOf(p) === 0 || p.indexOf(k) === 0; })) {
          words = words.concat(found[p]);
        }
      });
      return Promise.all(words.map(function (w) { return inst.preload(w); }));
    });
  };

  // One shard's answer: the documents containing every term, with what ranks them.
  Engine.prototype.searchShard = function (inst, shardIndex, terms, filters) {
    // Every term's index chunks are loaded at once; then the terms are searched one by one,
    // and once no page holds them all the rest are not (a pasted passage of sixty terms
    // that no document holds costs a search or two, not sixty). Only the first is sorted:
    // the others say which pages hold them.
    return Promise.all(terms.map(function (t) {
      return inst.preload(phraseOf(t), { filters: filters });
    })).then(function () {
      var hits = {};
      var first = null;
      function next(k) {
        if (k === terms.length || (first && !Object.keys(hits).length)) return Promise.resolve();
        var options = k ? { filters: filters } : { filters: filters, sort: { published: 'desc' } };
        return inst.search(phraseOf(terms[k]), options).then(function (answer) {
          var found = {};
          if (!first) {
            first = answer;
            answer.results.forEach(function (r) {
              hits[r.id] = { r: r, shard: shardIndex, date: dateRank(r), inTitle: 0, score: 0, whole: 0 };
            });
          }
          answer.results.forEach(function (r) {
            found[r.id] = true;
            var h = hits[r.id];
            if (h && r.words.length && r.words[0] < TITLE_POSITIONS) h.inTitle += 1;
          });
          Object.keys(hits).forEach(function (id) { if (!found[id]) delete hits[id]; });
          return next(k + 1);
        });
      }
      return next(0).then(function () {
        return (Object.keys(hits).length ? rank(inst, hits, terms, filters) : Promise.resolve()).then(function () {
          // Filter counts are Pagefind's own (exact) for one term; for several
          // terms they are counted from the documents themselves (see counts()).
          return { hits: Object.keys(hits).map(function (id) { return hits[id]; }),
            filters: terms.length === 1 ? first.filters : null, totalFilters: first.totalFilters };
        });
      });
    });
  };

  // What ranks the pages that hold every term (hits, changed in place).
  function rank(inst, hits, terms, filters) {
    var text = terms.filter(function (t) { return !t.field; });
    // How often: Pagefind's BM25 of the term's first and last token.  Not all of
    // them: Pagefind's scoring loop grows with results x tokens x matches.  A character
    // word is held once: no count; its title word says whether the title holds it.
    var titled = text.filter(function (t) { return t.chars.length === 1; }).map(function (t) {
      return inst.search(TITLE_CHAR + unit(t.chars[0]), { filters: filters });
    });
    var scored = text.filter(function (t) { return t.chars.length > 1; }).map(function (t) {
      var tokens = queryTokens(t.chars);
      var ends = tokens.length > 2 ? [tokens[0], tokens[tokens.length - 1]] : tokens;
      return inst.search(ends.join(' '), { filters: filters });
    });
    // A 文号 or 索引号 typed whole (they all have digits) ranks first.
    var whole = text.length === 1 && /\d/.test(text[0].text)
      ? inst.search('"' + NUMBER + text[0].chars.map(unit).join('') + '"', { filters: filters })
      : Promise.resolve(null);
    return Promise.all([Promise.all(scored), whole, Promise.all(titled)]).then(function (all) {
      all[0].forEach(function (answer) {
        answer.results.forEach(function (r) { if (hits[r.id]) hits[r.id].score += r.score; });
      });
      if (all[1]) all[1].results.forEach(function (r) { if (hits[r.id]) hits[r.id].whole = 1; });
      all[2].forEach(function (answer) {
        answer.results.forEach(function (r) { if (hits[r.id]) hits[r.id].inTitle += 1; });
      });
    });
  }

  Engine.prototype.searchFiltersOnly = function (inst, shardIndex, filters) {
    return inst.search(null, { filters: filters, sort: { published: 'desc' } }).then(function (a) {
      return {
        hits: a.results.map(function (r) { return { r: r, shard: shardIndex, date: dateRank(r), inTitle: 0, score: 0, whole: 0 }; }),
        filters: a.filters, totalFilters: a.totalFilters
      };
    });
  };

  // Date ranges become Pagefind filters: every day value of the shard inside the
  // range (ISO dates compare as strings).  null: nothing in this shard can match.
  function withRanges(inst, filters, ranges) {
    var keys = Object.keys(ranges);
    if (!keys.length) return Promise.resolve(filters);
    return inst.filters().then(function (all) {
      var out = {};
      Object.keys(filters).forEach(function (k) { out[k] = filters[k]; });
      for (var i = 0; i < keys.length; i++) {
        var r = ranges[keys[i]];
        var days = Object.keys(all[keys[i]] || {}).filter(function (d) {
          return (!r.from || d >= r.from) && (!r.to || d <= r.to);
        });
        if (!days.length) return null;
        out[keys[i]] = { any: days };
      }
      return out;
    });
  }

  var NOTHING = { hits: [], filters: {}, totalFilters: {} };

  // Shards to ask: all, or only those of the chosen agencies (federated manifest). An ?agency= the
  // manifest does not list (a portal's link opened on an agency's site or its offline copy, an agency
  // the portal no longer has) chooses nothing: it has no box to untick, and it emptied every answer.
  Engine.prototype.shardsFor = function (agencies) {
    var all = this.manifest.shards;
    var listed = (this.manifest.agencies || []).map(function (a) { return a.id; });
    var chosen = (agencies || []).filter(function (a) { return listed.indexOf(a) >= 0; });
    if (!chosen.length) return all;
    return all.filter(function (s) { return chosen.indexOf(s.agency) >= 0; });
  };

  // ---------------------------------------------------------------- routing (portal)
  //
  // Mirror of plugins/gkml/portal/routing.py: for the slot of each query key (CRC-32 of
  // its UTF-8, mod 2**bits), one small file says which agencies hold a key there.  An
  // agency lacking any key of the query cannot match it, so it is not asked.

  var CRC_TABLE = (function () {
    var table = [];
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table.push(c >>> 0);
    }
    return table;
  })();

  function keyHash(key) {
    var bytes = new TextEncoder().encode(key);
    var c = 0xffffffff;
    for (var i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  }

  function routingKeys(terms) {
    var keys = [];
    terms.forEach(function (t) {
      queryTokens(t.chars).forEach(function (k) {
        k = t.field ? FIELD + k : k;
        if (keys.indexOf(k) < 0) keys.push(k);
      });
    });
    return keys;
  }

  // Agency id -> true for the agencies that can match every term; null: ask all.
  Engine.prototype.route = function (terms) {
    var r = this.manifest.routing;
    var agencies = this.manifest.agencies;
    if (!r || !agencies || OFFLINE || r.version !== 1) return Promise.resolve(null);
    var self = this;
    var n = agencies.length;
    var perFile = r.width * 8;
    this.routeFiles = this.routeFiles || {};
    return Promise.all(routingKeys(terms).map(function (key) {
      var slot = keyHash(key) % Math.pow(2, r.bits);
      var file = Math.floor(slot / perFile);
      if (!self.routeFiles[file]) {
        self.routeFiles[file] = fetch(PF_ROOT + r.path + file + '.bin').then(function (res) {
          if (!res.ok) throw new Error('routing ' + res.status);
          return res.arrayBuffer();
        }).then(function (buf) { return new Uint8Array(buf); });
        self.routeFiles[file].catch(function () { delete self.routeFiles[file]; });
      }
      return self.routeFiles[file].then(function (bytes) {
        var t = (slot % perFile) >> 3;
        var bit = 1 << (slot & 7);
        return agencies.map(function (a, i) { return (bytes[t * n + i] & bit) !== 0; });
      });
    })).then(function (rows) {
      var allowed = {};
      agencies.forEach(function (a, i) {
        if (rows.every(function (row) { return row[i]; })) allowed[a.id] = true;
      });
      return allowed;
    }, function (err) {
      if (window.console) console.warn('检索路由不可用，查询全部机关', err);
      return null;  // asking every agency is slower, never wrong
    });
  };

  // ---------------------------------------------------------------- asking the shards

  // A portal asks FIRST_AGENCIES first (its answer is the first screen, and all the
  // bytes a first screen costs, however many agencies the province has), then
  // AGENCIES_AT_ONCE at a time.
  var FIRST_AGENCIES = 1;
  var AGENCIES_AT_ONCE = 8;
  var PROGRESS_MS = 300;

  // Run work(item) for every item, at most limit(started) at a time; onDone(count, launch)
  // after each (launch: start more, when limit allows more again). Once wanted() is false
  // nothing more is started and the pool ends with what has answered.
  function inPool(items, limit, work, onDone, wanted) {
    return new Promise(function (resolve, reject) {
      var next = 0;
      var running = 0;
      var done = 0;
      if (!items.length) { resolve(); return; }
      function launch() {
        if (!wanted()) { resolve(); return; }
        while (running < limit(next) && next < items.length) {
          running++;
          work(items[next++]).then(function () {
            running--;
            onDone(++done, launch);
            if (done === items.length) resolve();
            else launch();
          }, reject);
        }
      }
      launch();
    });
  }

  // state: the reader's query, checkbox filters, 文号 and date ranges (readState).
  // onProgress(partial): in a portal, the merged answers of the agencies asked so far.
  // wanted(): false once the reader has asked something else (a portal stops asking).
  Engine.prototype.search = function (state, onProgress, wanted) {
    var self = this;
    var terms = queryTerms(state.q);
    queryTerms(state.adv.docno).forEach(function (t) { t.field = true; terms.push(t); });
    var filters = pagefindFilters(state);
    var ranges = dateRanges(state);
    var shards = this.shardsFor(state.agencies);
    var federated = !!this.manifest.agencies;
    var textTerms = terms.filter(function (t) { return !t.field; });
    var routed = terms.length && federated ? this.route(terms) : Promise.resolve(null);
    return routed.then(function (allowed) {
      var chosen = {};
      shards.forEach(function (s) { chosen[s.agency] = true; });
      if (allowed) shards = shards.filter(function (s) { return allowed[s.agency]; });
      // Make sure the wasm-loading instance exists before the rest.
      if (shards.length) self.instance(shards[0]);
      // One unit of work per agency (a site without agencies: per shard), in manifest order.
      var groups = [];
      var byAgency = {};
      shards.forEach(function (s, i) {
        var key = federated ? s.agency : i;
        if (!byAgency[key]) groups.push(byAgency[key] = { agency: s.agency, indexes: [] });
        byAgency[key].indexes.push(i);
      });
      var answers = [];
      var pending = {};
      groups.forEach(function (g) { if (federated) pending[g.agency] = true; });
      function ask(i) {
        var s = shards[i];
        return self.instance(s).then(function (inst) {
          return Promise.all([withRanges(inst, filters, ranges), self.loadPrefixes(s, inst, terms)]).then(function (both) {
            var f = both[0];
            if (!f) return NOTHING;
            return terms.length ? self.searchShard(inst, i, terms, f) : self.searchFiltersOnly(inst, i, f);
          });
        }).then(function (a) {
          a.hits.forEach(function (h) { h.from = s; });
          answers[i] = a;
        });
      }
      function merged() {
        var m = merge(answers.filter(Boolean), state.sort, textTerms, federated);
        m.shards = shards;
        m.pending = pending;
        m.progress = { done: groups.length - Object.keys(pending).length, asked: groups.length,
          chosen: Object.keys(chosen).length };
        return m;
      }
      var last = 0;
      var found = false;
      var first = Math.min(FIRST_AGENCIES, groups.length);
      // Until the first screen is shown, nothing else is asked: its bytes are the first screen's.
      var ramped = !federated;
      var limit = function (started) {
        if (ramped) return federated ? AGENCIES_AT_ONCE : Infinity;
        return started < first ? Infinity : 0;
      };
      return inPool(groups, limit, function (g) {
        return Promise.all(g.indexes.map(ask)).then(function () { delete pending[g.agency]; });
      }, function (done, launch) {
        var now = Date.now();
        if (!federated || done === groups.length || done < first) return;
        // The first answer with hits at once (the first screen), then at most every PROGRESS_MS.
        var firstHits = !found && answers.some(function (a) { return a && a.hits.length; });
        var shown = null;
        if (onProgress && (firstHits || done === first || now - last >= PROGRESS_MS)) {
          last = now;
          found = found || firstHits;
          shown = onProgress(merged());
        }
        if (!ramped) {
          var go = function () { ramped = true; launch(); };
          Promise.resolve(shown).then(go, go);
        }
      }, wanted || function () { return true; }).then(merged);
    });
  };

  // Filter counts need every filter chunk of the shards asked; they are fetched
  // after the first results are on screen, so they never delay them.
  Engine.prototype.filtersLoadedFor = function (shards) {
    var loaded = this.filtersLoaded = this.filtersLoaded || {};
    return shards.every(function (s) { return loaded[s.name]; });
  };

  Engine.prototype.loadFilters = function (shards) {
    var self = this;
    return Promise.all(shards.map(function (s) {
      return self.instance(s).then(function (inst) { return inst.filters(); }).then(function () {
        self.filtersLoaded[s.name] = true;
      });
    }));
  };

  // ---------------------------------------------------------------- merging and ranking

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

  // Newest first: shards are ordered newest first, and within a shard
  // Pagefind's date sort gives the rank (higher is newer).
  function newer(x, y) {
    return (x.shard - y.shard) || (y.date - x.date);
  }

  // 文号/索引号 typed whole, then title hits, then how often, then newest.
  function relevance(x, y) {
    return (y.whole - x.whole) || (y.inTitle - x.inTitle) || (y.score - x.score) || newer(x, y);
  }

  function loadData(hit) {
    if (!hit.data) {
      hit.data = hit.r.data().then(function (d) {
        d.gkmlShard = hit.from;  // which agency's shard (federated manifest): its site and name
        return d;
      });
    }
    return hit.data;
  }

  function merge(answers, sort, terms, federated) {
    var all = [];
    answers.forEach(function (a) { all = all.concat(a.hits); });
    var byDate = sort === 'date' || !terms.length;
    all.sort(byDate ? newer : relevance);
    var exactCounts = answers.every(function (a) { return a.filters; });
    var byAgency = {};
    all.forEach(function (h) {
      if (h.from && h.from.agency) byAgency[h.from.agency] = (byAgency[h.from.agency] || 0) + 1;
    });
    var merged = {
      total: all.length,
      agencies: byAgency,
      terms: terms,
      hits: all,
      filters: exactCounts ? sumCounts(answers.map(function (a) { return a.filters; })) : null,
      totalFilters: sumCounts(answers.map(function (a) { return a.totalFilters; }))
    };
    var i = 0;
    merged.next = function (n) {
      var page = all.slice(i, i + n);
      i += page.length;
      return Promise.all(page.map(loadData));
    };
    if (byDate && federated) merged.next = dateMerger(answers);
    return merged;
  }

  // Several agencies' shards cover the same years, so shard order is no date order:
  // newest first is then a k-way merge on the 发布日 of each shard's next hit (its
  // record is loaded anyway when shown; at most one more per shard).
  function dateMerger(answers) {
    var lists = answers.map(function (a) {
      return a.hits.slice().sort(function (x, y) { return y.date - x.date; });
    });
    var heads = lists.map(function () { return 0; });
    function day(hit) {
      return loadData(hit).then(function (d) { return ((d.filters || {})['发布日'] || [''])[0]; });
    }
    return function (n) {
      var page = [];
      function step() {
        var open = [];
        lists.forEach(function (l, k) { if (heads[k] < l.length) open.push(k); });
        if (page.length >= n || !open.length) return Promise.resolve();
        return Promise.all(open.map(function (k) { return day(lists[k][heads[k]]); })).then(function (days) {
          var best = 0;
          for (var j = 1; j < open.length; j++) if (days[j] > days[best]) best = j;
          page.push(lists[open[best]][heads[open[best]]++]);
          return step();
        });
      }
      return step().then(function () { return Promise.all(page.map(loadData)); });
    };
  }

  // Counts for several terms: from the matching documents' own filter values
  // (fragments), when there are few enough to fetch; otherwise none are shown.
  var COUNT_LIMIT = 200;
  function counts(merged) {
    if (merged.filters) return Promise.resolve(merged.filters);
    if (merged.total > COUNT_LIMIT) return Promise.resolve(null);
    return Promise.all(merged.hits.map(loadData)).then(function (datas) {
      var out = {};
      datas.forEach(function (d) {
        Object.keys(d.filters || {}).forEach(function (k) {
          var dst = out[k] = out[k] || {};
          (d.filters[k] || []).forEach(function (v) { dst[v] = (dst[v] || 0) + 1; });
        });
      });
      return out;
    });
  }

  // ---------------------------------------------------------------- excerpts

  var EXCERPT_CHARS = 90;

  // Where each term occurs in a text: [[start, end], ...] sorted, not overlapping.
  function occurrences(text, terms) {
    var spans = [];
    terms.forEach(function (t) {
      var at = text.indexOf(t.text);
      while (at >= 0) {
        spans.push([at, at + t.text.length]);
        at = text.indexOf(t.text, at + 1);
      }
    });
    spans.sort(function (a, b) { return (a[0] - b[0]) || (b[1] - a[1]); });
    var out = [];
    spans.forEach(function (s) {
      if (!out.length || s[0] >= out[out.length - 1][1]) out.push(s);
      else if (s[1] > out[out.length - 1][1]) out[out.length - 1][1] = s[1];
    });
    return out;
  }

  // A day a text writes otherwise (2029.6.30, 二〇二九年六月三十日) is indexed again as readers type it
  // (2029年6月30日, 2029-06-30; a month or year written without its day: 2029年6月, 2029-06, 2029年), each
  // a segment after all the others (search.records.written_dates). A match only there is shown where the
  // text writes it, that marked: {segment, span}, or null. writings mirrors search.dates (typedForms:
  // dates.typed_forms; tests hold the two alike).
  var DAY_SEPARATED = /(?<![0-9])((?:19|20)[0-9]{2})([./-])([0-9]{1,2})\2([0-9]{1,2})(?![0-9])(?!\2[0-9])/g;
  var CN_ZEROS = '\u3007\u25cb\u25efo\u03bf\u043e\u96f60';  // 〇○◯oοо零0: dates._ZEROS
  var CN_DIGITS = { '\u4e00': 1, '\u4e8c': 2, '\u4e09': 3, '\u56db': 4, '\u4e94': 5, '\u516d': 6, '\u4e03': 7,
    '\u516b': 8, '\u4e5d': 9, '\u4e24': 2 };  // 一二三四五六七八九两
  var CN_TENS = { '\u5341': 10, '\u5eff': 20, '\u5345': 30 };  // 十廿卅
  var CN_ONES = '[\u4e00\u4e8c\u4e09\u56db\u4e94\u516d\u4e03\u516b\u4e5d\u4e24]';
  var CN_DIGIT = '[' + CN_ZEROS + '\u4e00\u4e8c\u4e09\u56db\u4e94\u516d\u4e03\u516b\u4e5d\u4e240-9]';
  var CN_NUMBER = '(?:[0-9]{1,2}|[' + CN_ZEROS + ']?' + CN_ONES + '|(?:' + CN_ONES + '?\u5341|\u5eff|\u5345)' + CN_ONES + '?)';
  var DAY_WRITTEN = new RegExp('(?<![\u3007\u25cb\u25ef\u96f6\u4e00\u4e8c\u4e09\u56db\u4e94\u516d\u4e03\u516b\u4e5d\u4e240-9])' +
    '((?:[\u4e001][\u4e5d9]|[\u4e8c2\u4e24][' + CN_ZEROS + '])' + CN_DIGIT + '{2})\u5e74(?:(' + CN_NUMBER + ')\u6708(?:(' +
    CN_NUMBER + ')\u65e5)?)?', 'g');
  var RANGE_TO = '(?:\u81f3|\u5230|[-~\u2013-\u2015\u301c])';  // 至 到 - ~ – — ― 〜: dates._TO
  var RANGE_TO_CHAR = new RegExp('^' + RANGE_TO + '$');  // what joins a range's days typed (dayShown)
  var RANGE_END = new RegExp(RANGE_TO + '(?:(' + CN_NUMBER + ')\u6708)?(' + CN_NUMBER + ')\u65e5', 'y');
  var DAY_BEFORE_END = new RegExp('(' + CN_NUMBER + ')(?=' + RANGE_END.source + ')', 'y');  // 2024年3月2-5日
  var SEPARATED_ENDS = {};  // 2024.3.2-5, 2024.3.2—4.1, 2024.3.2至4月1日: dates._SEPARATED_ENDS
  ['.', '/', '-'].forEach(function (sep) {
    var s = '\\' + sep;
    SEPARATED_ENDS[sep] = new RegExp(RANGE_TO + '(?:(?:([0-9]{1,2})' + s + ')?([0-9]{1,2})(?![0-9\u6708\u5e74])(?!' + s +
      '[0-9])\u65e5?|(' + CN_NUMBER + ')\u6708(' + CN_NUMBER + ')\u65e5)', 'y');
  });
  // After a full date written 年月日 only (2024年3月2日至4.1): the end as separated forms write it; a bare 4.1 after
  // 3月2日 or 2024年3月 may be a decimal (增长至4.1%): dates._DOTTED_END.
  var DOTTED_END = new RegExp(RANGE_TO + '([0-9]{1,2})[./]([0-9]{1,2})(?![0-9%\u2030\u4e07\u4ebf\u5343\u767e\u5143\u500d\u4e2a])' +
    '(?![./][0-9])\u65e5?', 'y');
  // A range written without its year (3月2日至5日, 3月2-5日): dates._YEARLESS.
  var DAY_YEARLESS = new RegExp('(?<![\u3007\u25cb\u25ef\u96f6\u4e00\u4e8c\u4e09\u56db\u4e94\u516d\u4e03\u516b\u4e5d\u4e240-9' +
    '\u5341\u5eff\u5345\u5e74])(' + CN_NUMBER + ')\u6708(' + CN_NUMBER + ')\u65e5?(?=' + RANGE_TO + ')', 'g');
  function cnNumber(written) {
    var chars = Array.from(written);
    var at = chars.findIndex(function (c) { return c in CN_TENS; });
    var digit = function (c) { return /[0-9]/.test(c) ? Number(c) : CN_ZEROS.indexOf(c) >= 0 ? 0 : CN_DIGITS[c]; };
    if (at < 0) return Number(chars.map(digit).join(''));
    return (at ? digit(chars[0]) * 10 : CN_TENS[chars[at]]) + (at + 1 < chars.length ? digit(chars[at + 1]) : 0);
  }
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  // A day that exists (no year: any year's, 2月29日 too; a month or year alone: its first day): dates._valid.
  function valid(y, m, d) {
    var month = m === null ? 1 : m;
    var date = d === null ? 1 : d;
    var when = new Date(Date.UTC(y === null ? 2000 : y, month - 1, date));
    return when.getUTCMonth() === month - 1 && when.getUTCDate() === date;
  }
  // Each day, month or year the normalised text writes, once, in order: {forms, span} (UTF-16 offsets).
  function writings(text) {
    var found = [];
    var seen = {};
    function add(y, m, d, match) {
      if (!valid(y, m, d)) return;
      var forms = y === null ? [m + '\u6708' + d + '\u65e5']
        : d !== null ? [y + '\u5e74' + m + '\u6708' + d + '\u65e5', y + '-' + pad(m) + '-' + pad(d)]
        : m !== null ? [y + '\u5e74' + m + '\u6708', y + '-' + pad(m)] : [y + '\u5e74'];
      found.push({ forms: forms, span: [match.index, match.index + match[0].length] });
    }
    var all = [];
    var m;
    DAY_SEPARATED.lastIndex = 0;
    while ((m = DAY_SEPARATED.exec(text))) {
      if (m.index >= 2 && /[0-9]/.test(text.charAt(m.index - 2)) && text.charAt(m.index - 1) === m[2]) continue;
      all.push([Number(m[1]), Number(m[3]), Number(m[4]), m]);
      if (valid(Number(m[1]), Number(m[3]), Number(m[4]))) rangeEnd(SEPARATED_ENDS[m[2]], m, m[0], Number(m[1]), Number(m[3]));
    }
    DAY_WRITTEN.lastIndex = 0;
    while ((m = DAY_WRITTEN.exec(text))) {
      var year = cnNumber(m[1]);
      var month = m[2] ? cnNumber(m[2]) : null;
      var day = m[3] ? cnNumber(m[3]) : null;
      var written = m[0];
      DAY_BEFORE_END.lastIndex = m.index + written.length;
      var first = month !== null && day === null ? DAY_BEFORE_END.exec(text) : null;
      if (first) { day = cnNumber(first[1]); written += first[0]; }
      var whole = { index: m.index, 0: written };
      all.push([year, month, day, whole]);
      // 2024年2月30日至3月2日: no first day, no range
      var end = day !== null && valid(year, month, day) ? rangeEnd(RANGE_END, m, written, year, month) : null;
      if (!end && day !== null && !first && valid(year, month, day)) end = rangeEnd(DOTTED_END, m, written, year, month);
      if (first && end) whole[0] += end[0];  // 2024年3月2-5日: its first day is the range's to mark too
    }
    DAY_YEARLESS.lastIndex = 0;
    while ((m = DAY_YEARLESS.exec(text))) {
      RANGE_END.lastIndex = m.index + m[0].length;
      var to = RANGE_END.exec(text);
      if (!to) continue;  // 3月2日 alone: no year, no range, no day read
      all.push([null, cnNumber(m[1]), cnNumber(m[2]), { index: m.index, 0: m[0] + to[0] }]);  // marked with its range
      if (valid(null, cnNumber(m[1]), cnNumber(m[2]))) rangeEnd(RANGE_END, m, m[0], null, cnNumber(m[1]));  // not 2月30日至…
    }
    // A range's other end (2024年3月2日至5日, 2024.3.2-5), the range marked.
    function rangeEnd(pattern, m, written, year, month) {
      pattern.lastIndex = m.index + written.length;
      var end = pattern.exec(text);
      if (!end) return null;
      var at = end[4] ? 3 : 1;  // 至4月1日 after a separated day
      var to = end[at] ? cnNumber(end[at]) : month;
      all.push([year === null ? null : year + (to < month ? 1 : 0), to, cnNumber(end[at + 1]),
        { index: m.index, 0: written + end[0] }]);
      return end;
    }
    all.forEach(function (w) {
      var key = w[0] + '-' + w[1] + '-' + w[2];
      if (!(key in seen)) add(w[0], w[1], w[2], w[3]);
      seen[key] = true;
    });
    return found;
  }
  function typedForms(text) {
    var forms = [];
    writings(text).forEach(function (w) { w.forms.forEach(function (f) { if (forms.indexOf(f) < 0) forms.push(f); }); });
    return forms.filter(function (f) { return !forms.some(function (o) { return o !== f && o.indexOf(f) >= 0; }); });
  }
  var DAY_SEGMENT = /^(?:(?:19|20)[0-9]{2}(?:\u5e74(?:[0-9]{1,2}\u6708(?:[0-9]{1,2}\u65e5)?)?|-[0-9]{2}(?:-[0-9]{2})?)|[0-9]{1,2}\u6708[0-9]{1,2}\u65e5)$/;
  // Where the forms search.records.written_dates added begin: the first of the last segments that are
  // exactly the forms the texts before them and the title write and do not hold. A text may itself be
  // shaped like a form (a table cell: 2024年3月, whose 2024-03 was added). -1: none are.
  function addedFrom(segments, title) {
    var k = segments.length;
    while (k > 0 && DAY_SEGMENT.test(segments[k - 1].text)) k--;
    for (var j = k; j <= segments.length; j++) {
      var texts = [title].concat(segments.slice(0, j).map(function (s) { return s.text; }));
      var added = typedForms(texts.join('\n')).filter(function (f) {
        return !texts.some(function (t) { return t.indexOf(f) >= 0; });
      });
      if (added.join('\n') === segments.slice(j).map(function (s) { return s.text; }).join('\n')) return j;
    }
    return -1;
  }
  function writtenDay(segments, chosen, title) {
    var k = segments.indexOf(chosen);
    if (!DAY_SEGMENT.test(chosen.text) || segments.slice(k + 1).some(function (s) { return !DAY_SEGMENT.test(s.text); })) return null;
    var from = addedFrom(segments, title || '');
    if (from > k) return null;  // a text written as a form (a cell: 2024年3月) found as typed: its own excerpt
    if (from < 0) from = k;  // not as records.py adds them: every segment before is looked in
    for (var i = from - 1; i >= 0; i--) {
      var writing = writings(segments[i].text).find(function (w) { return w.forms.indexOf(chosen.text) >= 0; });
      if (writing) return { segment: segments[i], span: writing.span };
    }
    return null;
  }

  // A window of the document's text around the first match, the matched characters in
  // <mark>; everything escaped.  Matching and the window are in normalised positions (the
  // token stream); each position shows the document's own text there (original: from
  // decodeOriginal), a match or window edge inside one original character (㈠ is 〔一〕)
  // widened to the whole character.
  function excerpt(content, terms, original) {
    original = original || {};
    var decoded = decodeContent(content);
    var segments = decoded.filter(function (s) { return s.start >= TITLE_POSITIONS; });
    if (!segments.length) return '';
    var title = decoded.filter(function (s) { return s.start < TITLE_POSITIONS; }).map(function (s) { return s.text; }).join('');
    var chosen = segments[segments.length - 1];
    var spans = [];
    // The body (last segment) first, then the attribute table.
    for (var i = segments.length - 1; i >= 0 && terms.length; i--) {
      var found = occurrences(segments[i].text, terms);
      if (found.length) { chosen = segments[i]; spans = found; break; }
    }
    var written = writtenDay(segments, chosen, title);
    if (written) { chosen = written.segment; spans = [written.span]; }
    // Code point positions (the stream's) of the UTF-16 offsets occurrences() gives.
    var chars = Array.from(chosen.text);
    var at = {};
    for (var c = 0, u = 0; c <= chars.length; c++) {
      at[u] = c;
      if (c < chars.length) u += chars[c].length;
    }
    var n = chars.length;
    var shown = chars.map(function (ch, k) {
      var o = original[chosen.start + k];
      if (o === undefined) return { text: ch, space: false };
      if (o === SPACE_AFTER) return { text: ch, space: true };
      var space = o.length > 1 && o.charAt(o.length - 1) === ' ';
      return { text: space ? o.slice(0, -1) : o, space: space, more: o === '' };
    });
    function startOf(k) { while (k > 0 && k < n && shown[k].more) k--; return k; }
    function endOf(k) { while (k < n && shown[k].more) k++; return k; }
    spans = spans.filter(function (s) { return at[s[0]] !== undefined && at[s[1]] !== undefined; })
      .map(function (s) { return [startOf(at[s[0]]), endOf(at[s[1]])]; });
    var first = spans.length ? spans[0][0] : 0;
    var from = startOf(Math.max(0, first - 20));
    var to = endOf(Math.min(n, from + EXCERPT_CHARS));
    // The text of positions [a, b); the space after b - 1 only when `last` (outside a mark).
    function text(a, b, last) {
      var out = '';
      for (var k = a; k < b; k++) out += shown[k].text + (shown[k].space && (k < b - 1 || last) ? ' ' : '');
      return esc(out);
    }
    function spaceAfter(k) { return k > 0 && shown[k - 1].space ? ' ' : ''; }
    var html = from > 0 ? '\u2026' : '';
    var pos = from;
    spans.forEach(function (s) {
      if (s[1] <= pos || s[0] >= to) return;
      var a = Math.max(s[0], pos);
      var b = Math.min(s[1], to);
      html += text(pos, a, true) + '<mark>' + text(a, b, false) + '</mark>' + (b < to ? spaceAfter(b) : '');
      pos = b;
    });
    html += text(pos, to, to < n) + (to < n ? '\u2026' : '');
    return html;
  }

  // The title as written, the terms' occurrences in <mark>: a title hit's place (the excerpt
  // is the body's). Found in the normalised title and shown on the characters whose
  // normalisation holds them (a base with its marks is one); whitespace inside a match is
  // marked with it. A title its characters do not normalise to one by one (conjoining
  // jamo) is shown unmarked.
  function markedTitle(title, terms) {
    var clusters = String(title).match(/\P{M}\p{M}*|\p{M}+/gu) || [];
    var owners = [];  // UTF-16 offset in the normalised title -> its cluster
    var normal = '';
    clusters.forEach(function (c, i) {
      var n = normalise(c);
      for (var k = 0; k < n.length; k++) owners.push(i);
      normal += n;
    });
    var spans = normal === normalise(title) ? occurrences(normal, terms) : [];
    var marked = clusters.map(function () { return false; });
    spans.forEach(function (s) {
      for (var k = owners[s[0]]; k <= owners[s[1] - 1]; k++) marked[k] = true;
    });
    var html = '';
    clusters.forEach(function (c, i) {
      if (marked[i] && !marked[i - 1]) html += '<mark>';
      html += esc(c);
      if (marked[i] && !marked[i + 1]) html += '</mark>';
    });
    return html;
  }

  // ---------------------------------------------------------------- state

  // Advanced search: 文号 contains, and day ranges of 发布日期 and 成文日期.
  var ADVANCED = [
    { param: 'docno' },
    { param: 'pfrom', filter: '发布日', bound: 'from' },
    { param: 'pto', filter: '发布日', bound: 'to' },
    { param: 'cfrom', filter: '成文日', bound: 'from' },
    { param: 'cto', filter: '成文日', bound: 'to' }
  ];

  function readState() {
    var params = new URLSearchParams(location.search);
    var state = { q: params.get('q') || '', sort: params.get('sort') === 'date' ? 'date' : '', filters: {}, adv: {},
      agencies: params.getAll('agency').filter(Boolean) };
    FILTERS.forEach(function (f) {
      var values = params.getAll(f.param).filter(Boolean);
      if (values.length) state.filters[f.key] = values;
    });
    ADVANCED.forEach(function (a) {
      var v = (params.get(a.param) || '').trim();
      state.adv[a.param] = a.filter && !/^\d{4}-\d{2}-\d{2}$/.test(v) ? '' : v;
    });
    return state;
  }

  function dateRanges(state) {
    var out = {};
    ADVANCED.forEach(function (a) {
      if (!a.filter || !state.adv[a.param]) return;
      (out[a.filter] = out[a.filter] || {})[a.bound] = state.adv[a.param];
    });
    return out;
  }

  // The history holds one entry per query the reader settled on: typing's searches (the debounce,
  // how = 'typing') push an entry marked as typed, then replace it; Enter ('enter') makes it the
  // reader's. Typing replaced the entry of the query before (?q=安全 became ?q=通知), and Back after
  // Enter stayed on 通知. The address shown already is replaced, never pushed again.
  var TYPED = { gkmlTyped: true };

  function writeState(state, how) {
    var params = new URLSearchParams();
    if (state.q) params.set('q', state.q);
    FILTERS.forEach(function (f) {
      (state.filters[f.key] || []).forEach(function (v) { params.append(f.param, v); });
    });
    ADVANCED.forEach(function (a) { if (state.adv[a.param]) params.set(a.param, state.adv[a.param]); });
    (state.agencies || []).forEach(function (a) { params.append('agency', a); });
    if (state.sort) params.set('sort', state.sort);
    var qs = params.toString();
    var url = location.pathname + (qs ? '?' + qs : '') + location.hash;
    try {
      var typedEntry = !!(history.state && history.state.gkmlTyped);
      var same = url === location.pathname + location.search + location.hash;
      var push = how !== 'replace' && !same && !(how !== 'push' && typedEntry);
      history[push ? 'pushState' : 'replaceState'](how === 'typing' ? TYPED : null, '', url);
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

  // Text typed that holds nothing to find (only invisible characters: a zero-width space,
  // a soft hyphen) is contained in no document; it is not an empty box, which lists all.
  function nothingToFind(state) {
    return [state.q, state.adv.docno].some(function (v) {
      return String(v || '').trim() !== '' && !queryTerms(v).length;
    });
  }

  function hasFilters(state) {
    if (state.agencies && state.agencies.length) return true;
    return Object.keys(state.filters).some(function (k) { return state.filters[k].length > 0; }) ||
      ADVANCED.some(function (a) { return state.adv[a.param]; });
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
    ((currentManifest && currentManifest.agencies) || []).forEach(function (a) {
      if (shard && a.id === shard.agency) found = a.name;
    });
    return found;
  }

  // 文号 and 索引号 wrap only between their parts (before 〔, after /), as on the built pages.
  var TOKEN_FIELDS = { '索引号': true, '文号': true };
  var LONG_PART = 14;  // gkml.site.tokens.LONG_PART (a unit test compares them)
  function token(text) {
    return String(text).replace(/\//g, '/\u0000').replace(/〔/g, '\u0000〔').split('\u0000')
      .filter(function (part) { return part !== ''; })
      .map(function (part) {  // a part longer than LONG_PART may wrap inside (gkml-nobr--long)
        return '<span class="gkml-nobr' + (part.length > LONG_PART ? ' gkml-nobr--long' : '') + '">' + esc(part) + '</span>';
      }).join('<wbr>');
  }

  function renderResult(d, terms) {
    var agency = agencyName(d.gkmlShard);
    var meta = {};
    Object.keys(d.meta || {}).forEach(function (k) { meta[k] = metaText(d.meta[k]); });
    var title = meta.title || meta['索引号'] || d.raw_url;
    var shown = excerpt(d.content, terms, decodeOriginal((d.meta || {})[ORIGINAL_KEY]));
    var rows = META_FIELDS.filter(function (k) { return meta[k]; }).map(function (k) {
      return '<dt>' + esc(labelOf(k)) + '</dt><dd>' + (TOKEN_FIELDS[k] ? token(meta[k]) : esc(meta[k])) + '</dd>';
    }).join('');
    var badge = meta['类型'] === '解读' ? '<span class="gkml-badge gkml-badge--jiedu">解读</span> ' : '';
    return '<li class="gkml-result">' +
      '<h3 class="gkml-result-title">' + badge + '<a href="' + esc(pageHref(d.raw_url, d.gkmlShard)) + '">' + markedTitle(title, terms) + '</a></h3>' +
      (agency ? '<p class="gkml-result-agency">' + esc(agency) + '</p>' : '') +
      (shown ? '<p class="gkml-result-excerpt">' + shown + '</p>' : '') +
      (rows ? '<dl class="gkml-result-meta">' + rows + '</dl>' : '') +
      '</li>';
  }

  function sortedValues(key, counts) {
    var values = Object.keys(counts);
    if (key === '年份') return values.sort().reverse();
    return values.sort(function (a, b) { return (counts[b] - counts[a]) || (a < b ? -1 : a > b ? 1 : 0); });
  }

  // "(n)", or "(…)" while the agency has not answered yet.
  function agencyCount(merged, id) {
    if (merged && merged.pending && merged.pending[id]) return '(\u2026)';
    return '(' + (((merged && merged.agencies) || {})[id] || 0) + ')';
  }

  // While a portal search is under way: the agency counts change in place (a
  // rebuilt filter box would take the keyboard focus from the reader).
  function updateAgencyCounts(box, merged) {
    var inputs = box.querySelectorAll('input[name=agency]');
    if (!inputs.length) return false;
    Array.prototype.forEach.call(inputs, function (input) {
      var count = input.parentNode.querySelector('.gkml-count');
      if (!count) return;
      count.textContent = agencyCount(merged, input.value);
      input.parentNode.classList.toggle('gkml-empty', !merged.pending[input.value] && !merged.agencies[input.value]);
    });
    return true;
  }

  // What has the keyboard focus in the filter box, said so that the box rebuilt can give it
  // back: a reader ticking a filter with the space bar (or choosing the order with the arrow
  // keys) stays on it instead of being thrown back to the top of the page.
  function focusedFilter(box) {
    var el = document.activeElement;
    if (!el || el === box || !box.contains(el)) return null;
    if (el.id) return { id: el.id };
    if (el.name) return { name: el.name, value: el.value };
    return { clear: true };
  }

  function refocusFilter(box, was) {
    if (!was) return;
    var el = null;
    if (was.id) el = document.getElementById(was.id);
    else if (was.name) {
      el = Array.prototype.filter.call(box.querySelectorAll('input'), function (input) {
        return input.name === was.name && input.value === was.value;
      })[0];
    }
    // 清除筛选 is gone once nothing is chosen: the focus goes to the first control of the box
    if (!el) el = box.querySelector('.gkml-clear, select, input');
    if (el) el.focus();
  }

  // counts: value -> number of results per filter, or null when not known.
  function renderFilters(box, state, merged, counts) {
    var html = '<div class="gkml-filters-head"><h2>筛选</h2>' +
      (hasFilters(state) ? '<button type="button" class="gkml-clear">清除筛选</button>' : '') + '</div>' +
      '<label class="gkml-sort">排序 <select id="gkml-sort">' +
      '<option value=""' + (state.sort ? '' : ' selected') + '>按相关度排序</option>' +
      '<option value="date"' + (state.sort === 'date' ? ' selected' : '') + '>按发布日期排序</option>' +
      '</select></label>';
    var agencies = (currentManifest && currentManifest.agencies) || [];
    if (agencies.length) {
      var perAgency = (merged && merged.agencies) || {};
      html += '<fieldset class="gkml-filter" data-filter="机关"><legend>机关</legend>';
      agencies.forEach(function (a) {
        var checked = state.agencies.indexOf(a.id) >= 0;
        var asked = !state.agencies.length || checked;
        html += '<label class="gkml-filter-option' + (asked && !perAgency[a.id] ? ' gkml-empty' : '') + '">' +
          '<input type="checkbox" name="agency" value="' + esc(a.id) + '"' + (checked ? ' checked' : '') + '> ' +
          esc(a.name) + (asked ? ' <span class="gkml-count">' + agencyCount(merged, a.id) + '</span>' : '') + '</label>';
      });
      html += '</fieldset>';
    }
    FILTERS.forEach(function (f) {
      var all = {};
      var known = merged ? merged.totalFilters[f.key] || {} : {};
      var now = counts ? counts[f.key] || {} : null;
      Object.keys(known).forEach(function (v) { all[v] = now ? now[v] || 0 : null; });
      (state.filters[f.key] || []).forEach(function (v) { all[v] = now ? now[v] || 0 : null; });
      var values = sortedValues(f.key, all);
      if (!values.length) return;
      html += '<fieldset class="gkml-filter" data-filter="' + esc(f.key) + '"><legend>' + esc(labelOf(f.key)) + '</legend>';
      values.forEach(function (v) {
        var checked = (state.filters[f.key] || []).indexOf(v) >= 0;
        html += '<label class="gkml-filter-option' + (all[v] === 0 ? ' gkml-empty' : '') + '">' +
          '<input type="checkbox" name="' + esc(f.param) + '" value="' + esc(v) + '"' +
          (checked ? ' checked' : '') + '> ' + esc(v) +
          (all[v] === null ? '' : ' <span class="gkml-count">(' + all[v] + ')</span>') + '</label>';
      });
      html += '</fieldset>';
    });
    var was = focusedFilter(box);
    box.innerHTML = html;
    refocusFilter(box, was);
  }

  // ---------------------------------------------------------------- wiring

  function start() {
    var form = document.getElementById('gkml-search-form');
    var input = document.getElementById('gkml-q');
    var filterBox = document.getElementById('gkml-filters');
    var resultsBox = document.getElementById('gkml-results');
    if (!form || !input || !resultsBox) return;
    // The search page's own words (search.html), with its link to the catalogue.
    function tellUnsupported() {
      var note = document.querySelector('[data-gkml-unsupported]');
      if (!note) return false;
      resultsBox.innerHTML = '';
      note.hidden = false;
      say(note.textContent);
      return true;
    }
    var panel = document.getElementById('gkml-filter-panel');
    // Filters stay folded on phones (results first) and open beside the results on wide screens.
    if (panel && window.matchMedia && window.matchMedia('(min-width: 44em)').matches) panel.open = true;
    var state = readState();
    var summary = panel && panel.querySelector('summary');
    var summaryText = summary ? summary.textContent : '';
    // Folded, the summary still says how many conditions narrow the results.
    function showConditionCount() {
      if (!summary) return;
      var n = ADVANCED.filter(function (a) { return state.adv[a.param]; }).length + state.agencies.length;
      Object.keys(state.filters).forEach(function (k) { n += state.filters[k].length; });
      summary.textContent = summaryText + (n ? '（已设 ' + n + ' 项条件）' : '');
    }
    var searchId = 0;
    var current = null;
    var timer = null;
    input.value = state.q;
    var advanced = document.getElementById('gkml-advanced');

    function showAdvanced() {
      if (!advanced) return;
      ADVANCED.forEach(function (a) {
        if (advanced.elements[a.param]) advanced.elements[a.param].value = state.adv[a.param] || '';
      });
    }
    showAdvanced();

    // Paper shows neither the box nor the filters: it says what was searched and by which conditions,
    // each under the label the form gives it (a sheet said 共找到 36 条结果 of nothing it named).
    function askedHtml() {
      var parts = [];
      var ranges = {};  // a day field's label -> its bounds
      if (visible(state.q)) parts.push('检索词：“' + visible(state.q) + '”');
      ADVANCED.forEach(function (a) {
        var v = visible(state.adv[a.param]);
        var el = advanced && advanced.elements[a.param];
        if (!v || !el) return;
        var box = el.closest('fieldset');
        var named = box ? box.querySelector('legend') : advanced.querySelector('label[for="' + el.id + '"]');
        var name = named ? named.textContent.trim() : a.param;
        if (a.filter) (ranges[name] = ranges[name] || []).push((a.bound === 'from' ? '从 ' : '至 ') + v);
        else parts.push(name + '含“' + v + '”');
      });
      Object.keys(ranges).forEach(function (name) { parts.push(name + '：' + ranges[name].join(' ')); });
      FILTERS.forEach(function (f) {
        if ((state.filters[f.key] || []).length) parts.push(labelOf(f.key) + '：' + state.filters[f.key].join('、'));
      });
      if (state.agencies && state.agencies.length) {  // a portal's: each agency by its name
        parts.push('机关：' + state.agencies.map(function (a) { return agencyName({ agency: a }) || a; }).join('、'));
      }
      return parts.length ? '<p class="gkml-print-asked">' + esc(parts.join('；')) + '</p>' : '';
    }

    function showMore(id, list, button) {
      if (button) button.disabled = true;
      var terms = current.terms;
      var total = current.total;
      return current.next(PAGE_SIZE).then(function (datas) {
        if (id !== searchId) return;
        var before = list.children.length;
        list.insertAdjacentHTML('beforeend', datas.map(function (d) { return renderResult(d, terms); }).join(''));
        if (button) button.remove();
        addMoreButton(id, list);
        // the button is gone: the reader goes on from the first result it added
        var first = list.children[before] && list.children[before].querySelector('a');
        if (first) first.focus();
        say('已显示 ' + list.children.length + ' 条，共 ' + total + ' 条结果');
      });
    }

    // Paper has no button: it says how many of the results it holds (a sheet said 共找到 36 条结果
    // and held the first 20, nothing telling the rest were not printed).
    function addMoreButton(id, list) {
      var printed = resultsBox.querySelector('.gkml-print-more');
      if (printed) printed.remove();
      if (list.children.length >= current.total) return;
      var more = document.createElement('button');
      more.type = 'button';
      more.className = 'gkml-more';
      more.textContent = '显示更多结果';
      more.addEventListener('click', function () { showMore(id, list, more); });
      resultsBox.appendChild(more);
      var note = document.createElement('p');
      note.className = 'gkml-print-more';
      note.textContent = '以上是前 ' + list.children.length + ' 条，共 ' + current.total +
        ' 条结果；其余未打印（在网页上点“显示更多结果”列出后再打印）。';
      resultsBox.appendChild(note);
    }

    // A portal says how far the search has got, under the search box: outside the busy
    // result list, so that screen readers hear it while the list waits for the final answer.
    var status = null;
    function showStatus(text) {
      if (!status) {
        status = document.createElement('p');
        status.id = 'gkml-progress';
        status.className = 'gkml-progress';
        status.setAttribute('role', 'status');
        form.parentNode.insertBefore(status, form.nextSibling);
      }
      status.textContent = text;
    }

    function progressText(m, final) {
      var p = m.progress;
      var skipped = p.chosen - p.asked;
      if (!final) return '已检索 ' + p.done + '/' + p.asked + ' 个机关，已找到 ' + m.total + ' 条结果，继续检索中……';
      return '检索完毕：查询了 ' + p.asked + ' 个机关' +
        (skipped > 0 ? '，其余 ' + skipped + ' 个机关不含所查文字' : '') + '。';
    }

    // Replace the list without moving what the reader is looking at: the list's top
    // stays where it was on the screen.
    function keepPlace(update) {
      var list = resultsBox.querySelector('.gkml-result-list');
      var before = list ? list.getBoundingClientRect().top : null;
      var result = update();
      var after = list && resultsBox.querySelector('.gkml-result-list');
      if (before !== null && after && before < 0) window.scrollBy(0, after.getBoundingClientRect().top - before);
      return result;
    }

    // A heading of its own: in the outline the results (h3) are not under the filters' 筛选 (h2).
    // Answered by the query's words (allWords), the page says so, and which words.
    function summaryHtml(m, final) {
      var words = m.words ? '<p class="gkml-all-words">没有文件含有“' + esc(visible(state.q)) + '”原文；以下是同时含有' +
        m.words.split(' ').map(function (w) { return '“' + esc(w) + '”'; }).join('') + '的文件。</p>' : '';
      var excluded = noExclusion(state.q);
      if (excluded) words += '<p class="gkml-no-exclusion">' + excluded + '</p>';
      words += quotesNote(state.q);
      return '<h2 class="gkml-visually-hidden">检索结果</h2>' + askedHtml() + words +
        '<p class="gkml-summary">' + (final ? '共找到' : '已找到') + ' <strong>' + m.total + '</strong> 条结果</p>';
    }

    // No result: said so, and the query retyped without what no document holds, or in simplified
    // characters (the site's), as a link; a 文号 typed in traditional ones (港澳發〔2020〕3號) in the
    // advanced search's box is offered in simplified ones too.
    function emptyHtml(asked) {
      var copy = SNAPSHOT ? '。' + esc(SNAPSHOT) : '';  // a sentence of its own, ending in 。
      var docno = visible(state.adv.docno);
      var excluded = noExclusion(asked);
      if (excluded) {
        var rest = withoutExcluding(asked);
        var restParams = new URLSearchParams(location.search);
        restParams.set('q', rest);
        return Promise.resolve('<p class="gkml-empty-result">没有找到相关文件' + (copy || '。') + excluded + (rest
          ? '改为检索：<a class="gkml-retyped" href="?' + esc(restParams.toString()) + '">' + esc(rest) + '</a>' : '') + '</p>');
      }
      return Promise.all([offerFor(asked), simplified(docno)]).then(function (both) {
        var offer = both[0];
        var docnoOffer = termsKey(both[1]) !== termsKey(docno) ? both[1] : '';
        if (!offer && !docnoOffer) return '<p class="gkml-empty-result">没有找到相关文件' + copy + '</p>' + quotesNote(asked);
        var params = new URLSearchParams(location.search);
        if (offer) params.set('q', offer);
        if (docnoOffer) params.set('docno', docnoOffer);
        var why = offer && retyped(asked) && termsKey(retyped(asked)) === termsKey(offer)
          ? '检索词按原文逐字查找，标点和括号也须一致。试试：' : '本站文件用简体字书写。改为检索：';
        var shown = [offer, docnoOffer ? labelOf('文号') + '：' + docnoOffer : ''].filter(Boolean).join('，');
        return '<p class="gkml-empty-result">没有找到相关文件' + (copy || '。') + why +
          '<a class="gkml-retyped" href="?' + esc(params.toString()) + '">' + esc(shown) + '</a></p>' + quotesNote(asked);
      });
    }

    function renderResults(id, merged, final) {
      if (!merged.total) {
        return emptyHtml(merged.asked || state.q).then(function (html) {
          if (id === searchId) resultsBox.innerHTML = askedHtml() + html;
        });
      }
      current = merged;
      var list = document.createElement('ol');
      list.className = 'gkml-result-list';
      // Rendered off screen, then swapped in at once: no half list, no jump.
      return current.next(PAGE_SIZE).then(function (datas) {
        if (id !== searchId) return;
        list.innerHTML = datas.map(function (d) { return renderResult(d, merged.terms); }).join('');
        keepPlace(function () {
          resultsBox.innerHTML = summaryHtml(merged, final);
          resultsBox.appendChild(list);
        });
        if (final) addMoreButton(id, list);
      });
    }

    // What a screen reader says when the results change: their number, not the whole list
    // (the list itself is not a live region: read out, 20 results take minutes).
    var live = document.createElement('p');
    live.id = 'gkml-search-status';
    live.className = 'gkml-visually-hidden';
    live.setAttribute('role', 'status');
    resultsBox.parentNode.insertBefore(live, resultsBox);
    function say(text) {
      live.textContent = '';
      setTimeout(function () { live.textContent = text; }, 50);  // the same words again are said again
    }

    function announce(id, merged, final) {
      if (id === searchId && final) say(merged.total ? '共找到 ' + merged.total + ' 条结果' : '没有找到相关文件');
      if (id === searchId) {
        resultsBox.dispatchEvent(new CustomEvent('gkml:results', { bubbles: true, detail: { total: merged.total, final: final } }));
      }
    }

    // The tab, the history list and a screen reader's first words on the page name what was searched:
    // every answer was titled 检索 alone (what shows nothing or turns text is left out, as in the offer)
    var pageTitle = document.title;
    function run() {
      var typed = state.q.replace(UNSEEN, '').trim();
      document.title = typed ? '“' + typed + '”的检索结果 - ' + pageTitle : pageTitle;
      return search(false);
    }

    function search(retried) {
      var id = ++searchId;
      showConditionCount();
      var term = state.q.trim();
      if (status) status.textContent = '';
      if (!term && !hasFilters(state)) {
        current = null;
        resultsBox.innerHTML = '';
        if (filterBox) filterBox.innerHTML = '';
        return Promise.resolve();
      }
      if (nothingToFind(state)) {
        current = null;
        resultsBox.innerHTML = '<p class="gkml-empty-result">没有找到相关文件' + (SNAPSHOT ? '。' + esc(SNAPSHOT) : '') + '</p>';
        if (filterBox) filterBox.innerHTML = '';
        announce(id, { total: 0 }, true);
        return Promise.resolve();
      }
      resultsBox.setAttribute('aria-busy', 'true');
      var eng;
      var partialShown = null;
      // Returns the promise of the first screen, when this partial answer makes it.
      function partial(m) {
        if (id !== searchId) return null;
        showStatus(progressText(m, false));
        if (filterBox && !updateAgencyCounts(filterBox, m)) renderFilters(filterBox, state, m, null);
        if (partialShown) {
          // Later batches: counts only; the list changes once more, when all have answered.
          var strong = resultsBox.querySelector('.gkml-summary strong');
          if (strong) strong.textContent = m.total;
          return null;
        }
        if (!m.total) return null;  // nothing yet: the status says the search goes on
        partialShown = renderResults(id, m, false).then(function () { announce(id, m, false); });
        return partialShown;
      }
      function show(merged) {
        if (merged.progress && eng.manifest.agencies) showStatus(progressText(merged, true));
        var counted = filterBox && eng.filtersLoadedFor(merged.shards);
        if (counted) {
          counts(merged).then(function (c) { if (id === searchId) renderFilters(filterBox, state, merged, c); });
        }
        var shown = (partialShown || Promise.resolve()).then(function () {
          if (id !== searchId) return;
          return renderResults(id, merged, true);
        });
        shown.then(function () { announce(id, merged, true); });
        if (filterBox && !counted) {
          if (eng.manifest.agencies) renderFilters(filterBox, state, merged, null);
          // Only once the results are on screen: fetch filter data, count again.
          shown.then(function () {
            return eng.loadFilters(merged.shards);
          }).then(function () {
            if (id !== searchId) return null;
            return eng.search(asked);
          }).then(function (again) {
            if (!again || id !== searchId) return null;
            return counts(again).then(function (c) {
              if (id === searchId) renderFilters(filterBox, state, again, c);
            });
          });
        }
        return shown;
      }
      var missingBefore;
      // The query answered: the reader's, or its words (allWords): at once when a + stands alone
      // between them (应急预案 + 演练: no reader looks for the documents holding a +), else when
      // the query as typed is found nowhere, and the page then says so.
      var words = allWords(state.q);
      var wordsOf = function () {
        var s = {};
        Object.keys(state).forEach(function (k) { s[k] = state[k]; });
        s.q = words;
        return s;
      };
      var asked = words && LONE_PLUS.test(state.q.normalize('NFKC')) ? wordsOf() : state;
      var alive = function () { return id === searchId; };
      return checkFresh().then(engine).then(function (e) {
        eng = e;
        missingBefore = missingFiles;
        return eng.search(asked, partial, alive).then(function (merged) {
          merged.asked = asked.q;
          if (merged.total || !words || asked !== state || !alive()) return merged;
          asked = wordsOf();
          return eng.search(asked, partial, alive).then(function (m) {
            m.asked = m.words = words;
            return m;
          });
        });
      }).then(function (merged) {
        if (id !== searchId) return null;
        if (missingFiles !== missingBefore) throw new Error('index files missing: published again?');
        if (merged.total || retried || OFFLINE) return show(merged);
        // Nothing found may be the answer of an index replaced since the last check.
        return checkFresh(true).then(function (stale) {
          if (id !== searchId) return null;
          return stale ? search(true) : show(merged);
        });
      }).catch(function (err) {
        if (id !== searchId) return;
        if (window.console) console.error(err);
        if (err && err.unsupported && tellUnsupported()) return;
        if (!OFFLINE && !retried) {
          // The index may have been replaced between reading shards.json and its files
          // (published again meanwhile): start over once with the index as it is now.
          dropEngine();
          return search(true);
        }
        resultsBox.innerHTML = '<p class="gkml-error">搜索功能暂时不可用，请稍后再试。</p>';
        say('搜索功能暂时不可用，请稍后再试。');
      }).then(function () {
        if (id === searchId) resultsBox.removeAttribute('aria-busy');
      });
    }

    form.addEventListener('submit', function (e) {
      e.preventDefault();
      clearTimeout(timer);
      state.q = input.value;
      writeState(state, 'enter');
      run();
    });
    function typed() {
      clearTimeout(timer);
      timer = setTimeout(function () {
        state.q = input.value;
        writeState(state, 'typing');
        run();
      }, DEBOUNCE_MS);
    }
    // A pinyin input method puts its letters (kuang'shan) in the box while the reader
    // picks characters: search what was chosen, when it is chosen, not the letters.
    input.addEventListener('input', function (e) {
      if (!e.isComposing) typed();
    });
    input.addEventListener('compositionend', typed);
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
        writeState(state, 'push');
        run();
      });
      filterBox.addEventListener('click', function (e) {
        if (!e.target.classList || !e.target.classList.contains('gkml-clear')) return;
        state.filters = {};
        state.adv = {};
        state.agencies = [];
        showAdvanced();
        writeState(state, 'push');
        run();
      });
    }
    if (advanced) {
      var fromForm = function (e) {
        if (e.type === 'submit') e.preventDefault();
        ADVANCED.forEach(function (a) {
          var el = advanced.elements[a.param];
          var v = el ? String(el.value || '').trim() : '';
          state.adv[a.param] = a.filter && !/^\d{4}-\d{2}-\d{2}$/.test(v) ? '' : v;
        });
        writeState(state, 'push');
        run();
      };
      advanced.addEventListener('submit', fromForm);
      advanced.addEventListener('change', fromForm);
    }
    window.addEventListener('popstate', function () {
      state = readState();
      input.value = state.q;
      showAdvanced();
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

  window.GKML_SEARCH_RAN = true;  // parsed and run: gkml-search-old.js leaves the page to it
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
