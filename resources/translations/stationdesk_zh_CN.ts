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
    <name>AddToListDialog</name>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_roster.py" line="93"/>
        <source>Add to the emergency list</source>
        <translation>补录应急名单</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_roster.py" line="98"/>
        <source>Name, initials, last digits of ID or phone, or address</source>
        <translation>姓名、拼音首字母、证件号或电话后几位、住址</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_roster.py" line="104"/>
        <source>Add to the list</source>
        <translation>加入名单</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_roster.py" line="149"/>
        <source>Find the resident first.</source>
        <translation>请先查找并选中居民。</translation>
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
    <name>ContactsBox</name>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_contacts.py" line="26"/>
        <source>Phones</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_contacts.py" line="35"/>
        <source>Show in full</source>
        <translation>显示完整电话</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_contacts.py" line="42"/>
        <source>Only the responder the resident is assigned to; every time is recorded.</source>
        <translation>仅限分配到该居民的应急人员查看，每次查看均留痕。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_contacts.py" line="73"/>
        <source>No phone on record.</source>
        <translation>未登记电话。</translation>
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
        <location filename="../../stationdesk/ui/pages/emergency.py" line="81"/>
        <source>Emergency mode</source>
        <extracomment>Keys 1-5 in the order of the statuses.</extracomment>
        <translation>平急转换（应急）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="87"/>
        <source>Add to list…</source>
        <translation>补录名单…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="90"/>
        <source>Assign</source>
        <translation>自动分配</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="93"/>
        <source>Give to…</source>
        <translation>改派…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="96"/>
        <source>Responders…</source>
        <translation>应急人员…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="115"/>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="264"/>
        <source>No emergency event is open.</source>
        <translation>当前没有进行中的应急事件。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="134"/>
        <source>Scan a call sheet&apos;s QR code (Alt+S)</source>
        <translation>扫描呼叫单二维码（Alt+S）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="151"/>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="175"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="152"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="153"/>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="167"/>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="154"/>
        <source>Responder</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="155"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="156"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="163"/>
        <source>Coverage by grid</source>
        <translation>各网格覆盖</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="167"/>
        <source>Reached</source>
        <translation>已联系</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="167"/>
        <source>Coverage</source>
        <translation>覆盖率</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="175"/>
        <source>Case</source>
        <translation>事项编号</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="202"/>
        <source>Not contacted</source>
        <translation>未联系</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="203"/>
        <source>Contacted, safe</source>
        <translation>已联系·安全</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="268"/>
        <source>%1 %2 %3: %4 residents, %5 reached (%6), %7 need help, %8 unreachable (%9 overdue)</source>
        <translation>%1 %2 %3：共 %4 人，已联系 %5 人（%6），需要帮助 %7 人，联系不上 %8 人（超时 %9 人）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="301"/>
        <source>%1 since %2</source>
        <translation>%1（自 %2）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="323"/>
        <source>All</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="331"/>
        <source>Needs help (%1)</source>
        <translation>需要帮助（%1 人）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="339"/>
        <source>%1 unreachable for over %2 h: go in person (red rows).</source>
        <translation>%1 人联系不上超过 %2 小时，请上门查看（红色行）。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="354"/>
        <source>That is not a call sheet code.</source>
        <translation>这不是呼叫单上的二维码。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="357"/>
        <source>That sheet belongs to another emergency event.</source>
        <translation>该呼叫单属于另一次应急事件。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="365"/>
        <source>That resident is not on the list now.</source>
        <translation>该居民目前不在名单中。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="424"/>
        <source>Writing the call sheets…</source>
        <translation>正在生成呼叫单…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="430"/>
        <source>%1 call sheets written (in %2)</source>
        <translation>已生成 %1 份呼叫单（位于 %2）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="451"/>
        <source>%1 assigned, %2 left without a responder</source>
        <translation>已分配 %1 人，%2 人暂无应急人员</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="482"/>
        <source>Select a resident on the list first.</source>
        <translation>请先在名单中选中一位居民。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="172"/>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="204"/>
        <source>Needs help</source>
        <translation>需要帮助</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="84"/>
        <source>Start emergency (Ctrl+Shift+E)</source>
        <translation>启动应急（Ctrl+Shift+E）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="99"/>
        <source>Print call sheets</source>
        <translation>打印呼叫单</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="102"/>
        <source>End emergency…</source>
        <translation>结束应急…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="121"/>
        <source>Keys on a row: 1 not contacted, 2 safe, 3 needs help (opens a case), 4 relocated, 5 unreachable; the next row is then selected.</source>
        <translation>选中一行后按键：1 未联系，2 已联系·安全，3 需要帮助（自动建事项），4 已转移安置，5 联系不上；随后自动移到下一行。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="205"/>
        <source>Relocated</source>
        <translation>已转移安置</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="206"/>
        <source>Unreachable</source>
        <translation>联系不上</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency.py" line="241"/>
        <source>Your role does not take part in check-offs.</source>
        <translation>当前角色不参与应急核查。</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <location filename="../../stationdesk/ui/widgets.py" line="211"/>
        <source>%1 and %2</source>
        <translation>%1、%2</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/widgets.py" line="214"/>
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
    <name>ReassignDialog</name>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_roster.py" line="162"/>
        <source>Give to a responder</source>
        <translation>改派应急人员</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_roster.py" line="168"/>
        <source>Responder</source>
        <translation>应急人员</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_roster.py" line="170"/>
        <source>Give</source>
        <translation>改派</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_roster.py" line="178"/>
        <source>(nobody)</source>
        <translation>（暂不分配）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_roster.py" line="179"/>
        <source>all grids</source>
        <translation>全部网格</translation>
    </message>
</context>
<context>
    <name>RespondersDialog</name>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_roster.py" line="200"/>
        <source>Responders</source>
        <translation>应急人员</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_roster.py" line="201"/>
        <source>On the list now</source>
        <translation>现有应急人员</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_roster.py" line="213"/>
        <source>A volunteer&apos;s name, when not a worker</source>
        <translation>非工作人员时填写志愿者姓名</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_roster.py" line="217"/>
        <source>Worker</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_roster.py" line="218"/>
        <source>Or name</source>
        <translation>或姓名</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_roster.py" line="219"/>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_roster.py" line="221"/>
        <source>Add responder</source>
        <translation>添加应急人员</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_roster.py" line="246"/>
        <source>all grids</source>
        <translation>全部网格</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_roster.py" line="251"/>
        <source>(a volunteer, by name)</source>
        <translation>（志愿者，按姓名）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_roster.py" line="255"/>
        <source>All grids</source>
        <translation>全部网格</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_roster.py" line="271"/>
        <source>Choose a worker or give a name.</source>
        <translation>请选择工作人员或填写姓名。</translation>
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
