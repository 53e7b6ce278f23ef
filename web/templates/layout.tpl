{{%AUTOESCAPE context="HTML"}}<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{TITLE}} · 四川数字方志馆</title>
<link rel="canonical" href="{{CANONICAL}}">
<link rel="stylesheet" href="/static/site.css">
{{#NOINDEX}}<meta name="robots" content="noindex">{{/NOINDEX}}
</head>
<body>
<a class="skip" href="#main">跳到正文</a>
<header class="site">
  <a class="brand" href="/">四川数字方志馆<small>方志平台 Fangzhi</small></a>
  <nav aria-label="主导航">
    <a href="/"{{#NAV_HOME}} aria-current="page"{{/NAV_HOME}}>首页</a>
    <a href="/works"{{#NAV_WORKS}} aria-current="page"{{/NAV_WORKS}}>馆藏</a>
    <a href="/search"{{#NAV_SEARCH}} aria-current="page"{{/NAV_SEARCH}}>检索</a>
    <a href="/api/v1">API</a>
    <a href="/oai?verb=Identify">OAI-PMH</a>
    <a href="/dashboard">工作台</a>
  </nav>
  <form class="quick-search" action="/search" method="get" role="search">
    <label class="vh" for="quick-q">全文检索</label>
    <input id="quick-q" name="q" type="search" value="{{HEADER_Q}}" placeholder="全文检索，如 巴郡" maxlength="600">
    <button type="submit">检索</button>
  </form>
</header>
<main id="main" tabindex="-1">
{{BODY:none}}
</main>
<footer class="site">
  <p>四川数字方志馆 · 由开源的<a href="/api/v1">方志平台 Fangzhi</a>提供（Apache-2.0）。
  Kanripo（漢籍リポジトリ）来源的文本依 <a href="https://creativecommons.org/licenses/by-sa/4.0/deed.zh-hans" rel="license">CC BY-SA 4.0</a> 许可使用，转载请注明出处并以相同方式共享。</p>
</footer>
{{#SCRIPT}}<script src="{{SRC}}" defer></script>
{{/SCRIPT}}
</body>
</html>
