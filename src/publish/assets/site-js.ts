/**
 * The website's only script: filters the server-rendered list of DPGs by text, SDG, category,
 * licence, sector and country, and sorts it by name, date added or number of SDGs. Without it the full
 * list still reads, by name; the filter panel stays hidden. The state is kept in the address
 * (?q=…&sdg=3&sort=added) so a filtered list can be shared. The panel (a <details>) starts open on wide
 * screens and folded on phones, where it opens and closes without the script's help.
 */
export const SITE_JS = `(function () {
  'use strict';
  var form = document.getElementById('filters');
  var list = document.getElementById('dpg-list');
  var panel = document.getElementById('filter-panel');
  if (!form || !list || !panel) return;
  var sort = document.getElementById('sort');
  var count = document.getElementById('result-count');
  var empty = document.getElementById('no-results');
  var fold = function (s) { return String(s).toLowerCase().normalize('NFD').replace(/[\\u0300-\\u036f]/g, ''); };
  var selects = Array.prototype.slice.call(form.querySelectorAll('select[data-facet]'));
  var search = form.querySelector('input[type=search]');
  var items = Array.prototype.map.call(list.querySelectorAll('li.card'), function (li) {
    var facets = {};
    selects.forEach(function (s) {
      var key = s.getAttribute('data-facet');
      try { facets[key] = JSON.parse(li.getAttribute('data-' + key) || '[]').map(String); } catch (e) { facets[key] = []; }
    });
    return {
      li: li, text: fold(li.getAttribute('data-search') || li.textContent), facets: facets,
      name: li.getAttribute('data-name') || '', added: li.getAttribute('data-added') || '', sdgs: facets.sdgs ? facets.sdgs.length : 0
    };
  });
  var byName = function (a, b) { return a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }); };
  var orders = {
    '': byName,
    added: function (a, b) { return a.added < b.added ? 1 : a.added > b.added ? -1 : byName(a, b); },
    sdgs: function (a, b) { return b.sdgs - a.sdgs || byName(a, b); }
  };
  var total = items.length;
  var noun = list.getAttribute('data-noun') || 'items';

  function apply(updateAddress) {
    var words = fold(search.value).split(/\\s+/).filter(Boolean);
    var shown = 0;
    items.slice().sort(orders[sort.value] || byName).forEach(function (item) { list.appendChild(item.li); });
    items.forEach(function (item) {
      var match = words.every(function (w) { return item.text.indexOf(w) !== -1; }) && selects.every(function (s) {
        return !s.value || item.facets[s.getAttribute('data-facet')].indexOf(s.value) !== -1;
      });
      item.li.hidden = !match;
      if (match) shown++;
    });
    count.textContent = shown === total ? 'Showing all ' + total + ' ' + noun : 'Showing ' + shown + ' of ' + total + ' ' + noun;
    empty.hidden = shown !== 0;
    if (updateAddress && window.history && history.replaceState) {
      var params = new URLSearchParams();
      if (search.value) params.set(search.name, search.value);
      selects.concat([sort]).forEach(function (s) { if (s.value) params.set(s.name, s.value); });
      var query = params.toString();
      history.replaceState(null, '', query ? '?' + query : location.pathname);
    }
  }

  var initial = new URLSearchParams(location.search);
  if (initial.has(search.name)) search.value = initial.get(search.name);
  selects.concat([sort]).forEach(function (s) {
    var wanted = initial.get(s.name);
    if (wanted && Array.prototype.some.call(s.options, function (o) { return o.value === wanted; })) s.value = wanted;
  });
  panel.hidden = false;
  if (window.matchMedia('(min-width: 48em)').matches || initial.toString()) panel.open = true;
  form.addEventListener('input', function () { apply(true); });
  form.addEventListener('change', function () { apply(true); });
  form.addEventListener('submit', function (event) { event.preventDefault(); apply(true); });
  form.addEventListener('reset', function () { setTimeout(function () { apply(true); }, 0); });
  apply(false);
})();
`;
