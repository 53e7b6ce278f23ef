// Charts of a search result: occurrences per work and per dynasty, drawn
// with Apache ECharts (served from /static/vendor/echarts, installed by npm).
// The page is complete without this script: the same counts are listed as
// bars beside the table.
(function () {
  'use strict';
  var dataEl = document.getElementById('chart-data');
  var box = document.getElementById('charts');
  if (!dataEl || !box || typeof window.echarts === 'undefined') return;
  var data;
  try { data = JSON.parse(dataEl.textContent || '{}'); } catch (e) { return; }
  function draw(id, title, rows) {
    var el = document.getElementById(id);
    if (!el || !rows || rows.length === 0) return null;
    var chart = window.echarts.init(el, null, { renderer: 'svg' });
    chart.setOption({
      title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: rows.map(function (r) { return r[0]; }) },
      series: [{ type: 'bar', name: '出现次数', data: rows.map(function (r) { return r[1]; }), itemStyle: { color: '#8c2f1b' } }],
      aria: { enabled: true },
      animation: false
    });
    return chart;
  }
  box.hidden = false;
  var charts = [draw('chart-work', '各书出现次数', data.work), draw('chart-dynasty', '各朝代出现次数', data.dynasty)];
  window.addEventListener('resize', function () {
    charts.forEach(function (c) { if (c) c.resize(); });
  });
})();
