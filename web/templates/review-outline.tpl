{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<section class="review-summary" aria-labelledby="os-h">
<h2 id="os-h">篇目审查结果</h2>
<p>对照框架：{{FRAMEWORK_TITLE}}（{{FRAMEWORK_ID}}，第 {{FRAMEWORK_VERSION}} 版）。篇目问题 <strong id="outline-count">{{OUTLINE_COUNT}}</strong> 条；文字检查发现 <strong id="check-count">{{CHECK_COUNT}}</strong> 条；审读意见 <strong id="comment-count">{{COMMENT_COUNT}}</strong> 条。</p>
{{#NO_OUTLINE}}<p class="ok">篇目未发现问题。</p>{{/NO_OUTLINE}}
{{#BOOK_FINDINGS}}<h3>全书</h3>
<ul class="findings book-findings">{{#F}}<li class="sev-{{SEV}}"><span class="sev">{{SEV_LABEL}}</span> <code class="rule">{{RULE}}</code> {{LABEL}}：{{MESSAGE}}</li>{{/F}}</ul>{{/BOOK_FINDINGS}}
</section>
<section aria-labelledby="tree-h">
<h2 id="tree-h">篇目</h2>
<ol class="outline-tree">
{{#NODE}}<li id="{{ANCHOR}}" class="node depth-{{DEPTH}}{{#HAS_OUTLINE}} has-findings{{/HAS_OUTLINE}}">
<div class="node-head"><span class="level">{{LEVEL}}</span> <span class="title">{{TITLE}}</span>{{#CHECKS}} <span class="check-count" title="该节点的文字检查发现">检查发现 {{N}}</span>{{/CHECKS}}
{{#COMMENT_FORM}}<details class="add-comment"><summary>添加意见<span class="vh">：{{TITLE}}</span></summary>
<form method="post" action="{{ACTION}}">
<input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="node" value="{{PATH}}">
<label>针对的文字（可选，照录正文）<input name="anchor" maxlength="200"></label>
<label>意见<textarea name="body" required maxlength="4000" rows="2"></textarea></label>
<button type="submit">保存意见</button>
</form></details>{{/COMMENT_FORM}}</div>
{{#OF}}<ul class="findings">{{#F}}<li class="sev-{{SEV}}"><span class="sev">{{SEV_LABEL}}</span> <code class="rule">{{RULE}}</code> {{LABEL}}：{{MESSAGE}}</li>{{/F}}</ul>{{/OF}}
{{#COMMENTS}}<ul class="comments" aria-label="审读意见">{{#C}}<li><span class="who">{{AUTHOR}}</span> <span class="when">{{WHEN}}</span>{{#ANCHOR_TEXT}} <q>{{TEXT}}</q>{{/ANCHOR_TEXT}}：<span class="body">{{BODY}}</span></li>{{/C}}</ul>{{/COMMENTS}}

</li>
{{/NODE}}</ol>
</section>
{{>DECISION}}
