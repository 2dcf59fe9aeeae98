// Web Chat talking to CoopBot's own Direct Line endpoint (/v3/directline): no CDN, no Azure.
(function () {
  'use strict';
  var errorBox = document.getElementById('webchat-error');

  function fail(message) {
    errorBox.textContent = message;
    errorBox.hidden = false;
  }

  if (!window.WebChat) {
    fail('聊天组件没有加载（/lib/webchat/webchat.js 缺失）。请重新构建 CoopBot：dotnet build src/CoopBot');
    return;
  }

  fetch('/api/directline/token', { method: 'POST' })
    .then(function (response) {
      if (response.status === 404) { throw new Error('网页聊天已关闭'); }
      if (response.status === 429) { throw new Error('请求太频繁，请稍后再试'); }
      if (!response.ok) { throw new Error('token ' + response.status); }
      return response.json();
    })
    .then(function (session) {
      var directLine = window.WebChat.createDirectLine({
        domain: window.location.origin + '/v3/directline',
        token: session.token,
        webSocket: false,
        pollingInterval: 500
      });
      window.WebChat.renderWebChat({
        directLine: directLine,
        // The page's Content-Security-Policy admits only styles carrying this response's nonce.
        nonce: document.querySelector('meta[name="csp-nonce"]').content,
        locale: 'zh-CN',
        userID: 'web-' + session.conversationId.slice(0, 8),
        styleOptions: {
          hideUploadButton: true,
          bubbleMaxWidth: 720,
          primaryFont: "'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"
        }
      }, document.getElementById('webchat'));
      document.querySelector('#webchat').focus();
    })
    .catch(function (e) {
      fail('无法连接 CoopBot：' + e.message);
    });
})();
