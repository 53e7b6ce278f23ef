{{%AUTOESCAPE context="HTML"}}{{#DECIDE}}<section class="decision" aria-labelledby="decision-h">
<h2 id="decision-h">审查结论</h2>
<form method="post" action="{{ACTION}}">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="from" value="{{FROM}}">
<input type="hidden" name="back" value="{{BACK}}">
<p>稿件现为“{{STATUS_LABEL}}”。</p>
<label for="decision-note">意见（退回时必填，编纂单位可见）</label>
<textarea id="decision-note" name="note" rows="3" maxlength="4000"></textarea>
<div class="buttons">{{#STEP}}<button type="submit" name="to" value="{{TO}}"{{#RETURN}} class="return"{{/RETURN}}{{#DISABLED}} disabled{{/DISABLED}}>{{LABEL}}</button> {{/STEP}}</div>
{{#BLOCKED}}<p class="hint">{{TEXT}}</p>{{/BLOCKED}}
</form>
</section>{{/DECIDE}}
