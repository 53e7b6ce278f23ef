{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<form class="recheck-pick" action="{{FORM_ACTION}}" method="get">
<label for="recheck-from">对照的旧版本</label>
<select id="recheck-from" name="from">{{#FROM_OPT}}<option value="{{N}}"{{#SEL}} selected{{/SEL}}>v{{N}}</option>{{/FROM_OPT}}</select>
<button type="submit">复核</button>
</form>
{{#FIRST_VERSION}}<p class="notice">v1 是第一稿，没有可复核的上一稿。</p>{{/FIRST_VERSION}}
{{#COMPARED}}<section class="review-summary" aria-labelledby="rs-h">
<h2 id="rs-h">v{{OLD}} → v{{NEW}} 复核结果</h2>
<ul class="recheck-counts">
<li><a href="#fixed">已改正 <strong id="fixed-count">{{FIXED_COUNT}}</strong></a></li>
<li><a href="#still">仍存在 <strong id="still-count">{{STILL_COUNT}}</strong></a></li>
<li><a href="#moved">已移位 <strong id="moved-count">{{MOVED_COUNT}}</strong></a></li>
<li><a href="#added">新出现 <strong id="new-count">{{NEW_COUNT}}</strong></a></li>
<li><a href="#carried">意见 <strong>{{COMMENT_COUNT}}</strong></a></li>
<li><a href="#diff">改动节点 <strong>{{CHANGED}}</strong></a></li>
</ul>
</section>
<section id="fixed" aria-labelledby="fixed-h"><h2 id="fixed-h">已改正（v{{OLD}} 的问题，v{{NEW}} 中不再出现）</h2>
{{#NO_FIXED}}<p class="none">无。</p>{{/NO_FIXED}}
<table class="findings-table fixed"><thead><tr><th scope="col">规则</th><th scope="col">类别</th><th scope="col">位置</th><th scope="col">原文</th><th scope="col">说明</th></tr></thead><tbody>
{{#FIXED}}<tr><td><code>{{RULE}}</code></td><td>{{LABEL}}</td><td>{{NODE_TITLE}}</td><td class="excerpt">{{EXCERPT}}</td><td>{{MESSAGE}}</td></tr>
{{/FIXED}}</tbody></table></section>
<section id="still" aria-labelledby="still-h"><h2 id="still-h">仍存在</h2>
{{#NO_STILL}}<p class="none">无。</p>{{/NO_STILL}}
<table class="findings-table still"><thead><tr><th scope="col">规则</th><th scope="col">类别</th><th scope="col">位置</th><th scope="col">原文</th><th scope="col">说明</th></tr></thead><tbody>
{{#STILL}}<tr><td><code>{{RULE}}</code></td><td>{{LABEL}}</td><td>{{NODE_TITLE}}</td><td class="excerpt">{{EXCERPT}}</td><td>{{MESSAGE}}</td></tr>
{{/STILL}}</tbody></table></section>
<section id="moved" aria-labelledby="moved-h"><h2 id="moved-h">已移位（问题仍在，位置变了）</h2>
{{#NO_MOVED}}<p class="none">无。</p>{{/NO_MOVED}}
<table class="findings-table moved"><thead><tr><th scope="col">规则</th><th scope="col">类别</th><th scope="col">原位置</th><th scope="col">现位置</th><th scope="col">原文</th><th scope="col">说明</th></tr></thead><tbody>
{{#MOVED}}<tr><td><code>{{RULE}}</code></td><td>{{LABEL}}</td><td>{{OLD_NODE_TITLE}}</td><td>{{NODE_TITLE}}</td><td class="excerpt">{{EXCERPT}}</td><td>{{MESSAGE}}</td></tr>
{{/MOVED}}</tbody></table></section>
<section id="added" aria-labelledby="added-h"><h2 id="added-h">新出现（v{{NEW}} 新增的问题）</h2>
{{#NO_ADDED}}<p class="none">无。</p>{{/NO_ADDED}}
<table class="findings-table added"><thead><tr><th scope="col">规则</th><th scope="col">类别</th><th scope="col">位置</th><th scope="col">原文</th><th scope="col">说明</th></tr></thead><tbody>
{{#ADDED}}<tr><td><code>{{RULE}}</code></td><td>{{LABEL}}</td><td>{{NODE_TITLE}}</td><td class="excerpt">{{EXCERPT}}</td><td>{{MESSAGE}}</td></tr>
{{/ADDED}}</tbody></table></section>
<section id="carried" aria-labelledby="carried-h"><h2 id="carried-h">v{{OLD}} 的审读意见在 v{{NEW}} 中的位置</h2>
{{#NO_COMMENTS}}<p class="none">v{{OLD}} 没有审读意见。</p>{{/NO_COMMENTS}}
<table class="carried"><thead><tr><th scope="col">意见</th><th scope="col">原节点</th><th scope="col">现节点</th></tr></thead><tbody>
{{#CARRIED}}<tr class="placement-{{PLACEMENT}}"><td>{{#ANCHOR_TEXT}}<q>{{TEXT}}</q>：{{/ANCHOR_TEXT}}{{BODY}}<br><small>{{AUTHOR}}</small></td><td>{{OLD_TITLE}}</td><td>{{#NEW_NODE}}<a href="{{HREF}}">{{NEW_TITLE}}</a>{{/NEW_NODE}} <small>（{{PLACEMENT_LABEL}}）</small></td></tr>
{{/CARRIED}}</tbody></table></section>
<section id="diff" aria-labelledby="diff-h"><h2 id="diff-h">逐节点对照</h2>
<p class="diff-summary">改动、新增或删除的节点 {{CHANGED}} 个，未改动 {{UNCHANGED}} 个。<span class="legend"><del>v{{OLD}} 独有</del> <ins>v{{NEW}} 独有</ins></span></p>
{{#DIFF}}<article class="node-diff change-{{CHANGE}}">
<h3><span class="change">{{CHANGE_LABEL}}</span> {{LEVEL}} {{TITLE}} <small>（删 {{REMOVED}} 字，增 {{ADDED}} 字）</small></h3>
<div class="compare">
<section aria-label="v{{OLD}}"><h4>v{{OLD}} <small>{{OLD_PATH}}</small></h4><div class="cmp-text">{{OLD_HTML:none}}</div></section>
<section aria-label="v{{NEW}}"><h4>v{{NEW}} <small>{{NEW_PATH}}</small></h4><div class="cmp-text">{{NEW_HTML:none}}</div></section>
</div>
</article>
{{/DIFF}}</section>
{{/COMPARED}}
{{>DECISION}}
