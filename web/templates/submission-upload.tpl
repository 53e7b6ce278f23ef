{{%AUTOESCAPE context="HTML"}}<nav class="crumbs" aria-label="位置"><a href="/dashboard">工作台</a> › 报送数字化成果</nav>
<h1>报送数字化成果</h1>
<p class="lede">{{USER_OFFICE}}：把本单位数字化的志书、年鉴或地情资料打成 BagIt 提交包（RFC 8493，.zip，最大 {{MAX_MB}} MB）上传。
提交包先经全面校验：有任何问题都会逐条列出，库中内容不变；没有问题则导入为一部作品，并记录报送单位、提交人、时间和校验值。</p>
<p class="lede" lang="en">Upload a BagIt bag (a zip, at most {{MAX_MB}} MB). Every problem in it is listed and nothing changes; a valid bag becomes one work, with its provenance recorded.</p>
{{#REGION_NOTE}}<p>编纂人员只能报送本单位行政区划（{{OFFICE}}）之内的成果：bag-info.txt 的 Fangzhi-Region-Code 须在此区划内。</p>{{/REGION_NOTE}}
{{#ERROR}}<p class="form-error" role="alert">{{MESSAGE}}</p>{{/ERROR}}
<form class="stacked" method="post" action="/submissions" enctype="multipart/form-data">
<input type="hidden" name="csrf" value="{{CSRF}}">
<label for="bag-file">提交包（.zip）</label>
<input id="bag-file" name="bag" type="file" accept=".zip,application/zip" required>
<button type="submit">校验并入库</button>
</form>
<h2>提交包的结构</h2>
<pre>示例县志-2026/
  bagit.txt              BagIt-Version: 1.0 / Tag-File-Character-Encoding: UTF-8
  bag-info.txt           Source-Organization、Bagging-Date、Fangzhi-Region-Code、Fangzhi-Work-Id、
                         Fangzhi-Work-Title、Fangzhi-Work-Kind、Fangzhi-Licence（必填），Payload-Oxum 等
  manifest-sha256.txt    data/ 中每个文件的 SHA-256
  data/                  一个 .md、.docx 或 .txt 文本；或一个文件夹的 ALTO .xml 连同页面图像</pre>
