{{%AUTOESCAPE context="HTML"}}<section class="account-login" aria-labelledby="login-h">
<h1 id="login-h">登录</h1>
<p class="lede">省、市、县地方志机构的审读、编纂与数字化人员在此登录。读者无需登录即可浏览和检索馆藏。</p>
{{#ALREADY}}<p class="notice">您已以 {{NAME}} 的身份登录；再次登录将结束当前会话。<a href="/dashboard">进入工作台</a></p>{{/ALREADY}}
{{#ERROR}}<p class="form-error" role="alert">{{MESSAGE}}</p>{{/ERROR}}
<form class="stacked" method="post" action="/login">
<input type="hidden" name="csrf" value="{{LOGIN_CSRF}}">
<input type="hidden" name="next" value="{{NEXT}}">
<label for="login-name">用户名</label>
<input id="login-name" name="name" value="{{NAME}}" autocomplete="username" required maxlength="64" autofocus>
<label for="login-password">密码</label>
<input id="login-password" name="password" type="password" autocomplete="current-password" required maxlength="1024">
<button type="submit">登录</button>
</form>
<p class="hint">账户由管理员用命令 <code>fangzhi user add</code> 建立；忘记密码请联系管理员。连续输错多次后须等待 15 分钟。</p>
</section>
