<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccountValidation</name>
    <message>
        <location filename="../../stationdesk/ui/validation.py" line="13"/>
        <source>Login names: 2-32 characters, a lowercase letter first, then letters, digits, . _ -</source>
        <translation>登录名为2-32位，以小写字母开头，可含字母、数字和 . _ -</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/validation.py" line="18"/>
        <source>Passwords have at least 8 characters, no spaces at either end.</source>
        <translation>密码至少8位，首尾不能有空格。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/validation.py" line="22"/>
        <source>The passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>CardReaderHook</name>
    <message>
        <location filename="../../stationdesk/ui/card_reader.py" line="150"/>
        <source>Card reader: connecting…</source>
        <translation>读卡器：正在连接…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/card_reader.py" line="212"/>
        <source>Card reader: ready</source>
        <translation>读卡器：就绪</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/card_reader.py" line="189"/>
        <source>Card reader not found: check its cable and the port in Settings.</source>
        <translation>未找到读卡器：请检查连接线和“设置”中的端口。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/card_reader.py" line="192"/>
        <source>The vendor reader library works on Windows only: choose the serial reader in Settings.</source>
        <translation>厂商读卡接口仅支持Windows：请在“设置”中改选串口读卡器。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/card_reader.py" line="196"/>
        <source>Card reader disconnected: plug it back in and it reconnects by itself.</source>
        <translation>读卡器已断开：重新插好后会自动连接。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/card_reader.py" line="199"/>
        <source>The card reader does not answer: check its cable and the port in Settings.</source>
        <translation>读卡器无响应：请检查连接线和“设置”中的端口。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/card_reader.py" line="202"/>
        <source>The card reader sent data that cannot be understood: place the card again.</source>
        <translation>读卡器返回的数据无法识别：请重新放置身份证。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/card_reader.py" line="205"/>
        <source>The card reader&apos;s data failed its checksum: place the card again.</source>
        <translation>读卡器数据校验错误：请重新放置身份证。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/card_reader.py" line="207"/>
        <source>The card could not be read: place it again.</source>
        <translation>身份证读取失败：请重新放置。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/card_reader.py" line="208"/>
        <source>The card&apos;s data is not a valid ID card.</source>
        <translation>卡内信息不是有效的居民身份证。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/card_reader.py" line="231"/>
        <source>ID card read: close the open dialog to use it.</source>
        <translation>已读取身份证：请先关闭当前对话框。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/card_reader.py" line="241"/>
        <source>ID card read.</source>
        <translation>已读取身份证。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/card_reader.py" line="236"/>
        <source>ID card read: it expired on %1.</source>
        <translation>已读取身份证：该证已于%1过期。</translation>
    </message>
</context>
<context>
    <name>Desk</name>
    <message>
        <location filename="../../stationdesk/ui/widgets.py" line="19"/>
        <source>Community Service Station Desk</source>
        <translation>社区党群服务站综合受理台</translation>
    </message>
</context>
<context>
    <name>DeskController</name>
    <message>
        <location filename="../../stationdesk/ui/app.py" line="421"/>
        <source>Wrong password.</source>
        <translation>密码错误。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/app.py" line="436"/>
        <source>Could not complete</source>
        <translation>未能完成</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/app.py" line="461"/>
        <source>Data folder: %1</source>
        <translation>数据文件夹：%1</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/app.py" line="463"/>
        <source>Database schema: %1</source>
        <translation>数据库结构版本：%1</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/app.py" line="210"/>
        <source>New signing key</source>
        <translation>已生成新的签名密钥</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/app.py" line="212"/>
        <source>A new certificate signing key was made for this station: the old one was lost with the old computer. Certificates issued before still verify. Certificates signed with the new key verify on the district platform once the district approves the key (stationdesk district approve-key %1; key begins %2).</source>
        <translation>已为本站生成新的证明签名密钥（原密钥随旧电脑丢失）。此前出具的证明仍可核验；用新密钥签发的证明，须区平台批准新密钥后才能在区平台核验（区平台运行 stationdesk district approve-key %1；新公钥开头为 %2）。</translation>
    </message>
</context>
<context>
    <name>EmergencyBanner</name>
    <message>
        <location filename="../../stationdesk/ui/emergency_banner.py" line="55"/>
        <source>Emergency: %1 「%2」 %3 · reached %4/%5</source>
        <translation>应急状态：%1「%2」 %3 · 已联系 %4/%5</translation>
    </message>
</context>
<context>
    <name>EmergencyPage</name>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="69"/>
        <source>Emergency mode</source>
        <extracomment>Keys 1-5 in the order of the statuses.</extracomment>
        <translation>平急转换（应急）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="83"/>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="215"/>
        <source>No emergency event is open.</source>
        <translation>当前没有进行中的应急事件。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="105"/>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="129"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="106"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="107"/>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="121"/>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="108"/>
        <source>Responder</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="109"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="110"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="117"/>
        <source>Coverage by grid</source>
        <translation>各网格覆盖</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="121"/>
        <source>Reached</source>
        <translation>已联系</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="121"/>
        <source>Coverage</source>
        <translation>覆盖率</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="129"/>
        <source>Case</source>
        <translation>事项编号</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="153"/>
        <source>Not contacted</source>
        <translation>未联系</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="154"/>
        <source>Contacted, safe</source>
        <translation>已联系·安全</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="219"/>
        <source>%1 %2 %3: %4 residents, %5 reached (%6), %7 need help, %8 unreachable (%9 overdue)</source>
        <translation>%1 %2 %3：共 %4 人，已联系 %5 人（%6），需要帮助 %7 人，联系不上 %8 人（超时 %9 人）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="252"/>
        <source>%1 since %2</source>
        <translation>%1（自 %2）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="274"/>
        <source>All</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="282"/>
        <source>Needs help (%1)</source>
        <translation>需要帮助（%1 人）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="290"/>
        <source>%1 unreachable for over %2 h: go in person (red rows).</source>
        <translation>%1 人联系不上超过 %2 小时，请上门查看（红色行）。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="344"/>
        <source>Writing the call sheets…</source>
        <translation>正在生成呼叫单…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="350"/>
        <source>%1 call sheets written (in %2)</source>
        <translation>已生成 %1 份呼叫单（位于 %2）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="126"/>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="155"/>
        <source>Needs help</source>
        <translation>需要帮助</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="72"/>
        <source>Start emergency (Ctrl+Shift+E)</source>
        <translation>启动应急（Ctrl+Shift+E）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="75"/>
        <source>Print call sheets</source>
        <translation>打印呼叫单</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="78"/>
        <source>End emergency…</source>
        <translation>结束应急…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="89"/>
        <source>Keys on a row: 1 not contacted, 2 safe, 3 needs help (opens a case), 4 relocated, 5 unreachable; the next row is then selected.</source>
        <translation>选中一行后按键：1 未联系，2 已联系·安全，3 需要帮助（自动建事项），4 已转移安置，5 联系不上；随后自动移到下一行。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="156"/>
        <source>Relocated</source>
        <translation>已转移安置</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="157"/>
        <source>Unreachable</source>
        <translation>联系不上</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="192"/>
        <source>Your role does not take part in check-offs.</source>
        <translation>当前角色不参与应急核查。</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <location filename="../../stationdesk/ui/widgets.py" line="152"/>
        <source>%1 and %2</source>
        <translation>%1、%2</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/widgets.py" line="155"/>
        <source>Exported: %1 (in %2)</source>
        <translation>已导出：%1（位于 %2）</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <location filename="../../stationdesk/ui/lock.py" line="21"/>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/lock.py" line="25"/>
        <source>The desk is locked</source>
        <translation>受理台已锁定</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/lock.py" line="26"/>
        <source>Logged in: %1</source>
        <translation>当前登录：%1</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/lock.py" line="28"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/lock.py" line="31"/>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/lock.py" line="33"/>
        <source>Switch user</source>
        <translation>切换用户</translation>
    </message>
</context>
<context>
    <name>LoginWindow</name>
    <message>
        <location filename="../../stationdesk/ui/login.py" line="32"/>
        <source>Community Service Station Desk</source>
        <translation>社区党群服务站综合受理台</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/login.py" line="35"/>
        <source>Opening the station…</source>
        <translation>正在打开站点…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/login.py" line="39"/>
        <source>Login name</source>
        <translation>登录名</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/login.py" line="40"/>
        <location filename="../../stationdesk/ui/login.py" line="43"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/login.py" line="42"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/login.py" line="50"/>
        <location filename="../../stationdesk/ui/login.py" line="114"/>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/login.py" line="92"/>
        <source>Demo station — logins for trying it out:</source>
        <translation>演示站点 —— 可用以下账户试用：</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/login.py" line="105"/>
        <source>The station could not be opened</source>
        <translation>无法打开站点</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/login.py" line="114"/>
        <source>Logging in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/login.py" line="26"/>
        <source>Login</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/login.py" line="137"/>
        <source>Opening the station… you will be logged in then.</source>
        <translation>正在打开服务站……打开后将自动登录。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="122"/>
        <source>Residents</source>
        <translation>居民</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="123"/>
        <source>Certificates</source>
        <translation>证明</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="124"/>
        <source>Matters</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="125"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="126"/>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="127"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="128"/>
        <source>Emergency</source>
        <translation>应急</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="180"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="187"/>
        <source>Search residents: name, pinyin, last digits of ID or phone, address (Ctrl+K)</source>
        <translation>搜索居民：姓名、拼音、身份证或电话后几位、地址（Ctrl+K）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="201"/>
        <source>Emergency mode</source>
        <translation>启动应急</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="204"/>
        <source>Start an emergency event (Ctrl+Shift+E)</source>
        <translation>启动应急状态（Ctrl+Shift+E）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="208"/>
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="212"/>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="231"/>
        <source>Sync: not set up</source>
        <translation>同步：未配置</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="233"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="247"/>
        <source>Worker: %1 (%2)</source>
        <translation>工作人员：%1（%2）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="252"/>
        <source>Station: %1 %2</source>
        <translation>站点：%1 %2</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <location filename="../../stationdesk/ui/i18n.py" line="52"/>
        <source>Social worker</source>
        <translation>全科社工</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/i18n.py" line="53"/>
        <source>Station head</source>
        <translation>站长</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/i18n.py" line="54"/>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
</context>
<context>
    <name>StartEmergencyDialog</name>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_dialogs.py" line="48"/>
        <source>Start emergency mode</source>
        <extracomment>The longest name and summary the fields take (the service&apos;s limits).</extracomment>
        <translation>启动应急状态</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_dialogs.py" line="60"/>
        <source>e.g. Typhoon Yagi, warning no. 12</source>
        <translation>如：台风“摩羯”（第12号）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_dialogs.py" line="75"/>
        <source>Kind</source>
        <translation>事件类型</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_dialogs.py" line="76"/>
        <source>Name</source>
        <translation>事件名称</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_dialogs.py" line="77"/>
        <source>Level</source>
        <translation>响应级别</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_dialogs.py" line="78"/>
        <source>Affected grids</source>
        <translation>影响网格</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_dialogs.py" line="79"/>
        <source>Started at</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_dialogs.py" line="84"/>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_dialogs.py" line="128"/>
        <source>Give the event a name.</source>
        <translation>请填写事件名称。</translation>
    </message>
</context>
<context>
    <name>StopEmergencyDialog</name>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_dialogs.py" line="167"/>
        <source>End emergency mode</source>
        <translation>结束应急状态</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_dialogs.py" line="175"/>
        <source>What happened, who was helped, what is left to do (required)</source>
        <translation>事件经过、帮助了谁、还有哪些后续工作（必填）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_dialogs.py" line="180"/>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_dialogs.py" line="181"/>
        <source>Summary</source>
        <translation>事件总结</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_dialogs.py" line="186"/>
        <source>End and write the report</source>
        <translation>结束并生成总结报告</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_dialogs.py" line="199"/>
        <source>Write a summary of the event first.</source>
        <translation>请先填写事件总结。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_dialogs.py" line="202"/>
        <source>The summary is too long.</source>
        <translation>事件总结过长。</translation>
    </message>
</context>
<context>
    <name>SyncAgent</name>
    <message>
        <location filename="../../stationdesk/ui/sync_agent.py" line="65"/>
        <source>Sync paused: please upgrade (%1 pending)</source>
        <translation>同步已暂停：请升级（待上传 %1 条）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/sync_agent.py" line="69"/>
        <source>Sync: not set up (%1 pending)</source>
        <translation>同步：尚未设置（待上传 %1 条）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/sync_agent.py" line="71"/>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/sync_agent.py" line="72"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/sync_agent.py" line="73"/>
        <source>Not synced yet</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/sync_agent.py" line="75"/>
        <source>%1 pending</source>
        <translation>待上传 %1 条</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/sync_agent.py" line="78"/>
        <source>last sync %1</source>
        <translation>上次同步 %1</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/sync_agent.py" line="81"/>
        <source>%1 conflict(s) to review</source>
        <translation>%1 条冲突待处理</translation>
    </message>
</context>
</TS>
