"""The department web page (one self-contained HTML document served at ``/dept``)."""

from __future__ import annotations

PAGE = """<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>转办事项 · 部门签收与反馈</title>
<style>
 body { font-family: "Noto Sans CJK SC", "WenQuanYi Zen Hei", "Microsoft YaHei", sans-serif;
        margin: 0; background: #f4f6f8; color: #1f2933; }
 header { background: #b71c1c; color: #fff; padding: 12px 20px; display: flex;
          align-items: center; gap: 16px; }
 header h1 { font-size: 18px; margin: 0; flex: 1; }
 main { max-width: 960px; margin: 0 auto; padding: 16px; }
 .card { background: #fff; border-radius: 6px; padding: 14px 16px; margin-bottom: 12px;
         box-shadow: 0 1px 2px rgba(0,0,0,.08); }
 .meta { color: #52606d; font-size: 13px; }
 .state { display: inline-block; padding: 1px 8px; border-radius: 10px; background: #e3f2fd;
          font-size: 13px; }
 .state.done { background: #e8f5e9; }
 .error { color: #b71c1c; margin: 8px 0; }
 .ok { color: #2e7d32; margin: 8px 0; }
 textarea { width: 100%; min-height: 60px; box-sizing: border-box; }
 button { padding: 5px 14px; margin-right: 8px; cursor: pointer; }
 ul.answers { margin: 6px 0 0; padding-left: 18px; font-size: 13px; }
 label { font-size: 13px; }
</style>
</head>
<body>
<header><h1>社区转办事项 · 部门签收与反馈</h1><span id="who"></span>
<button id="logout" hidden>退出</button></header>
<main>
<section id="login" class="card">
 <p>请输入区平台为本部门发放的令牌（令牌只保存在本浏览器标签页中）。</p>
 <input id="token" type="password" size="60" autocomplete="off" placeholder="sdd_…">
 <button id="enter">进入</button>
 <div id="login-error" class="error" role="alert"></div>
</section>
<section id="work" hidden>
 <label><input type="checkbox" id="all"> 显示已处理完毕的事项</label>
 <button id="refresh">刷新</button>
 <div id="status" class="meta"></div>
 <div id="cases"></div>
</section>
</main>
<script>
"use strict";
const LABELS = {ack: "签收", reply: "反馈", "return": "退回"};
const $ = (id) => document.getElementById(id);
let token = sessionStorage.getItem("deptToken") || "";

function uuid4() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" +
         h.slice(16, 20) + "-" + h.slice(20);
}

async function api(path, options) {
  const opts = Object.assign({headers: {}}, options || {});
  opts.headers["Authorization"] = "Bearer " + token;
  if (opts.body) { opts.headers["Content-Type"] = "application/json"; }
  const resp = await fetch(path, opts);
  let body = null;
  try { body = await resp.json(); } catch (e) { body = null; }
  if (!resp.ok) {
    const msg = (body && (body.message_zh || body.message)) || ("请求失败（" + resp.status + "）");
    const err = new Error(msg); err.status = resp.status; throw err;
  }
  return body;
}

function when(iso) {
  if (!iso) { return ""; }
  const d = new Date(iso);
  if (isNaN(d)) { return iso; }
  return d.toLocaleString("zh-CN", {timeZone: "Asia/Shanghai", hour12: false,
    year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit"});
}

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) { e.textContent = text; }
  if (cls) { e.className = cls; }
  return e;
}

function renderCase(c) {
  const card = el("div", null, "card");
  card.dataset.caseId = c.id;
  const title = el("div");
  title.appendChild(el("strong", c.number + "　" + c.summary));
  title.appendChild(document.createTextNode("　"));
  title.appendChild(el("span", c.state_zh, c.actions.length ? "state" : "state done"));
  card.appendChild(title);
  card.appendChild(el("div", c.station_name + "（" + c.station_code + "）　" + c.type_name +
      "　转办时间：" + when(c.referred_at) +
      "　办理时限：" + (c.due_date || ""), "meta"));
  if (c.referral_note) { card.appendChild(el("p", "转办说明：" + c.referral_note)); }
  if (c.description) { card.appendChild(el("p", c.description)); }
  if (c.address) { card.appendChild(el("div", "地址：" + c.address, "meta")); }
  if (c.reporter_phone) { card.appendChild(el("div", "联系电话：" + c.reporter_phone, "meta")); }
  if (c.answers.length) {
    const ul = el("ul", null, "answers");
    for (const a of c.answers) {
      ul.appendChild(el("li", when(a.at) + "　" + a.action_zh +
          "　" + a.by + (a.note ? "：" + a.note : "")));
    }
    card.appendChild(ul);
  }
  if (c.actions.length) {
    const form = el("div");
    const note = el("textarea");
    note.placeholder = "反馈或退回时必须填写说明";
    note.maxLength = 2000;
    const by = el("input"); by.placeholder = "经办人"; by.maxLength = 50;
    const msg = el("div", "", "error");
    let requestId = uuid4();
    note.addEventListener("input", () => { requestId = uuid4(); });
    form.appendChild(note);
    form.appendChild(el("label", "经办人 ")); form.appendChild(by);
    form.appendChild(el("br"));
    for (const action of c.actions) {
      const button = el("button", LABELS[action] || action);
      button.dataset.action = action;
      button.addEventListener("click", async () => {
        msg.textContent = "";
        const text = note.value.trim();
        if (action !== "ack" && !text) {
          msg.textContent = "请填写" + LABELS[action] + "说明。";
          return;
        }
        try {
          await api("/dept/v1/cases/" + encodeURIComponent(c.id) + "/answers", {
            method: "POST",
            body: JSON.stringify({action: action, note: text || null,
                                  by: by.value.trim() || null, request_id: requestId}),
          });
          $("status").textContent =
              c.number + " 已" + LABELS[action] + "，社区将在下次同步后看到。";
          load();
        } catch (e) { msg.textContent = e.message; }
      });
      form.appendChild(button);
    }
    form.appendChild(msg);
    card.appendChild(form);
  }
  return card;
}

async function load() {
  const list = $("cases");
  try {
    const cases = await api("/dept/v1/cases" + ($("all").checked ? "?all=true" : ""));
    list.replaceChildren();
    if (!cases.length) { list.appendChild(el("p", "暂无待处理的转办事项。", "meta")); }
    for (const c of cases) { list.appendChild(renderCase(c)); }
  } catch (e) {
    if (e.status === 401) { logout(e.message); } else { $("status").textContent = e.message; }
  }
}

async function enter() {
  token = $("token").value.trim() || token;
  try {
    const me = await api("/dept/v1/me");
    sessionStorage.setItem("deptToken", token);
    $("who").textContent = me.name;
    $("login-error").textContent = "";
    $("login").hidden = true; $("work").hidden = false; $("logout").hidden = false;
    load();
  } catch (e) { logout(e.message); }
}

function logout(message) {
  token = ""; sessionStorage.removeItem("deptToken");
  $("login").hidden = false; $("work").hidden = true; $("logout").hidden = true;
  $("who").textContent = ""; $("login-error").textContent = message || "";
}

$("enter").addEventListener("click", enter);
$("token").addEventListener("keydown", (e) => { if (e.key === "Enter") { enter(); } });
$("refresh").addEventListener("click", load);
$("all").addEventListener("change", load);
$("logout").addEventListener("click", () => logout(""));
if (token) { enter(); }
</script>
</body>
</html>
"""
