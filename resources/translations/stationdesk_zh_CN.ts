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
    <name>ActivitiesTab</name>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="78"/>
        <source>New activity</source>
        <translation>新建活动</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="81"/>
        <source>Approve</source>
        <translation>审核</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="84"/>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="251"/>
        <source>Correction</source>
        <translation>登记更正</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="87"/>
        <source>Sign everyone out</source>
        <translation>全部签退</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="103"/>
        <source>Activity</source>
        <translation>活动</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="104"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="105"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="106"/>
        <source>Signed in</source>
        <translation>签到</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="107"/>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="180"/>
        <source>Hours</source>
        <translation>时长（小时）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="108"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="131"/>
        <source>Member&apos;s name, pinyin or last digits of the ID number; Enter signs in</source>
        <translation>党员姓名、拼音或身份证号后几位，回车签到</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="138"/>
        <source>Sign in</source>
        <translation>签到</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="144"/>
        <source>Sign out</source>
        <translation>签退</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="159"/>
        <source>Enter a paper sheet</source>
        <translation>补录纸质签到表</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="166"/>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="178"/>
        <source>In</source>
        <translation>签到</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="168"/>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="179"/>
        <source>Out</source>
        <translation>签退</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="177"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="181"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="204"/>
        <source>Approved</source>
        <translation>已审核</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="204"/>
        <source>Not approved</source>
        <translation>未审核</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="249"/>
        <source>Desk</source>
        <translation>现场</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="250"/>
        <source>Paper sheet</source>
        <translation>签到表补录</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="268"/>
        <source>No activity selected. Ctrl+N adds one.</source>
        <translation>未选择活动。按 Ctrl+N 新建活动。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="270"/>
        <source>approved by %1 on %2, locked</source>
        <translation>已由%1于%2审核，记录已锁定</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="274"/>
        <source>not approved</source>
        <translation>未审核</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="277"/>
        <source>%1 (%2), %3 to %4; %5 signed in, %6 h in all; %7</source>
        <translation>%1（%2），%3 至 %4；签到 %5 人，合计 %6 小时；%7</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="294"/>
        <source>signed out</source>
        <translation>已签退</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="294"/>
        <source>signed in</source>
        <translation>已签到</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="312"/>
        <source>Choose an activity first.</source>
        <translation>请先选择一个活动。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="316"/>
        <source>No member matches what was typed.</source>
        <translation>找不到该党员。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="359"/>
        <source>Signed out: %1</source>
        <translation>已签退：%1</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="359"/>
        <source>Signed in: %1</source>
        <translation>已签到：%1</translation>
    </message>
</context>
<context>
    <name>ActivityDialog</name>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="404"/>
        <source>New activity</source>
        <translation>新建活动</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="425"/>
        <source>No limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="426"/>
        <source>Title</source>
        <translation>活动名称</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="427"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="428"/>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="429"/>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="430"/>
        <source>Starts</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="431"/>
        <source>Ends</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="432"/>
        <source>Organiser</source>
        <translation>组织方</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="433"/>
        <source>Capacity</source>
        <translation>人数上限</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="440"/>
        <source>The activity ends before it starts.</source>
        <translation>活动结束时间早于开始时间。</translation>
    </message>
</context>
<context>
    <name>AddToListDialog</name>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_roster.py" line="94"/>
        <source>Add to the emergency list</source>
        <translation>补录应急名单</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_roster.py" line="99"/>
        <source>Name, initials, last digits of ID or phone, or address</source>
        <translation>姓名、拼音首字母、证件号或电话后几位、住址</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_roster.py" line="105"/>
        <source>Add to the list</source>
        <translation>加入名单</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_roster.py" line="150"/>
        <source>Find the resident first.</source>
        <translation>请先查找并选中居民。</translation>
    </message>
</context>
<context>
    <name>CardReaderHook</name>
    <message>
        <location filename="../../stationdesk/ui/card_reader.py" line="151"/>
        <source>Card reader: connecting…</source>
        <translation>读卡器：正在连接…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/card_reader.py" line="213"/>
        <source>Card reader: ready</source>
        <translation>读卡器：就绪</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/card_reader.py" line="190"/>
        <source>Card reader not found: check its cable and the port in Settings.</source>
        <translation>未找到读卡器：请检查连接线和“设置”中的端口。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/card_reader.py" line="193"/>
        <source>The vendor reader library works on Windows only: choose the serial reader in Settings.</source>
        <translation>厂商读卡接口仅支持Windows：请在“设置”中改选串口读卡器。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/card_reader.py" line="197"/>
        <source>Card reader disconnected: plug it back in and it reconnects by itself.</source>
        <translation>读卡器已断开：重新插好后会自动连接。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/card_reader.py" line="200"/>
        <source>The card reader does not answer: check its cable and the port in Settings.</source>
        <translation>读卡器无响应：请检查连接线和“设置”中的端口。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/card_reader.py" line="203"/>
        <source>The card reader sent data that cannot be understood: place the card again.</source>
        <translation>读卡器返回的数据无法识别：请重新放置身份证。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/card_reader.py" line="206"/>
        <source>The card reader&apos;s data failed its checksum: place the card again.</source>
        <translation>读卡器数据校验错误：请重新放置身份证。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/card_reader.py" line="208"/>
        <source>The card could not be read: place it again.</source>
        <translation>身份证读取失败：请重新放置。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/card_reader.py" line="209"/>
        <source>The card&apos;s data is not a valid ID card.</source>
        <translation>卡内信息不是有效的居民身份证。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/card_reader.py" line="234"/>
        <source>ID card read: close the open dialog to use it.</source>
        <translation>已读取身份证：请先关闭当前对话框。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/card_reader.py" line="244"/>
        <location filename="../../stationdesk/ui/card_reader.py" line="274"/>
        <source>ID card read.</source>
        <translation>已读取身份证。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/card_reader.py" line="239"/>
        <source>ID card read: it expired on %1.</source>
        <translation>已读取身份证：该证已于%1过期。</translation>
    </message>
</context>
<context>
    <name>ContactsBox</name>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_contacts.py" line="28"/>
        <source>Phones</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_contacts.py" line="37"/>
        <source>Show in full</source>
        <translation>显示完整电话</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_contacts.py" line="44"/>
        <source>Only the responder the resident is assigned to; every time is recorded.</source>
        <translation>仅限分配到该居民的应急人员查看，每次查看均留痕。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_contacts.py" line="82"/>
        <source>No phone on record.</source>
        <translation>未登记电话。</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="473"/>
        <source>Correct an approved record</source>
        <translation>更正已审核的记录</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="475"/>
        <source>Member&apos;s name or pinyin</source>
        <translation>党员姓名或拼音</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="482"/>
        <source>Activity</source>
        <translation>活动</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="483"/>
        <source>Member</source>
        <translation>党员</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="484"/>
        <source>In</source>
        <translation>签到</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="485"/>
        <source>Out</source>
        <translation>签退</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="486"/>
        <source>Reason</source>
        <translation>更正原因</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/activities.py" line="498"/>
        <source>The sign-out must follow the sign-in.</source>
        <translation>签退时间须晚于签到时间。</translation>
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
        <location filename="../../stationdesk/ui/app.py" line="445"/>
        <source>Wrong password.</source>
        <translation>密码错误。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/app.py" line="460"/>
        <source>Could not complete</source>
        <translation>未能完成</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/app.py" line="485"/>
        <source>Data folder: %1</source>
        <translation>数据文件夹：%1</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/app.py" line="487"/>
        <source>Database schema: %1</source>
        <translation>数据库结构版本：%1</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/app.py" line="215"/>
        <source>New signing key</source>
        <translation>已生成新的签名密钥</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/app.py" line="217"/>
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
    <name>LinkResidentDialog</name>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/members.py" line="317"/>
        <source>Link resident</source>
        <translation>关联居民</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/members.py" line="319"/>
        <source>Member</source>
        <translation>党员</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/members.py" line="321"/>
        <source>Name, pinyin or last digits of the ID number</source>
        <translation>姓名、拼音或身份证号后几位</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/members.py" line="323"/>
        <source>Resident</source>
        <translation>居民</translation>
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
        <location filename="../../stationdesk/ui/main_window.py" line="128"/>
        <source>Residents</source>
        <translation>居民</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="129"/>
        <source>Certificates</source>
        <translation>证明</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="130"/>
        <source>Matters</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="131"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="132"/>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="133"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="134"/>
        <source>Emergency</source>
        <translation>应急</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="135"/>
        <source>Volunteer service</source>
        <translation>志愿服务</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="187"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="194"/>
        <source>Search residents: name, pinyin, last digits of ID or phone, address (Ctrl+K)</source>
        <translation>搜索居民：姓名、拼音、身份证或电话后几位、地址（Ctrl+K）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="208"/>
        <source>Emergency mode</source>
        <translation>启动应急</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="211"/>
        <source>Start an emergency event (Ctrl+Shift+E)</source>
        <translation>启动应急状态（Ctrl+Shift+E）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="215"/>
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="219"/>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="238"/>
        <source>Sync: not set up</source>
        <translation>同步：未配置</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="240"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="254"/>
        <source>Worker: %1 (%2)</source>
        <translation>工作人员：%1（%2）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="259"/>
        <source>Station: %1 %2</source>
        <translation>站点：%1 %2</translation>
    </message>
</context>
<context>
    <name>MemberDialog</name>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/members.py" line="212"/>
        <source>Add member</source>
        <translation>登记党员</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/members.py" line="212"/>
        <source>Edit member</source>
        <translation>编辑党员信息</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/members.py" line="228"/>
        <source>Kept as %1 unless a new number is typed</source>
        <translation>不填则保留原号码 %1</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/members.py" line="256"/>
        <source>e.g. first aid, law, electrician</source>
        <translation>如：急救、法律、电工</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/members.py" line="258"/>
        <source>On the emergency team</source>
        <translation>应急队员</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/members.py" line="264"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/members.py" line="265"/>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/members.py" line="266"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/members.py" line="267"/>
        <source>Employer unit</source>
        <translation>所在单位</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/members.py" line="268"/>
        <source>Party branch</source>
        <translation>党支部</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/members.py" line="269"/>
        <source>Paired grid</source>
        <translation>包联网格</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/members.py" line="270"/>
        <source>Report date</source>
        <translation>报到日期</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/members.py" line="271"/>
        <source>Skills</source>
        <translation>特长</translation>
    </message>
</context>
<context>
    <name>MembersTab</name>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/members.py" line="61"/>
        <source>Add member</source>
        <translation>登记党员</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/members.py" line="64"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/members.py" line="67"/>
        <source>Link resident</source>
        <translation>关联居民</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/members.py" line="70"/>
        <source>Show full</source>
        <translation>查看完整</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/members.py" line="87"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/members.py" line="88"/>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/members.py" line="89"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/members.py" line="90"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/members.py" line="91"/>
        <source>Party branch</source>
        <translation>党支部</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/members.py" line="92"/>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/members.py" line="93"/>
        <source>Reported</source>
        <translation>报到日期</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/members.py" line="94"/>
        <source>Emergency team</source>
        <translation>应急队</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/members.py" line="95"/>
        <source>Resident</source>
        <translation>居民</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/members.py" line="96"/>
        <source>Skills</source>
        <translation>特长</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/members.py" line="112"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/members.py" line="113"/>
        <source>Linked</source>
        <translation>已关联</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/members.py" line="182"/>
        <source>%1: ID number %2, phone %3</source>
        <translation>%1：身份证号 %2，电话 %3</translation>
    </message>
</context>
<context>
    <name>NoVolunteerPage</name>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/page.py" line="86"/>
        <source>Volunteer service</source>
        <translation>志愿服务</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/page.py" line="87"/>
        <source>Your role does not handle volunteer service.</source>
        <translation>您的角色不办理志愿服务。</translation>
    </message>
</context>
<context>
    <name>ProjectDialog</name>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="241"/>
        <source>Add project</source>
        <translation>添加项目</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="247"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="248"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="249"/>
        <source>From the list</source>
        <translation>来源清单</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="250"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="251"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="261"/>
        <source>The project&apos;s title is over %1 characters.</source>
        <translation>项目名称不能超过%1个字。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="265"/>
        <source>The unit has a project of that title.</source>
        <translation>该单位已有同名项目。</translation>
    </message>
</context>
<context>
    <name>ProjectStatusDialog</name>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="282"/>
        <source>Change the project&apos;s status</source>
        <translation>更改项目状态</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="285"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="286"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="287"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>ProjectsBox</name>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="181"/>
        <source>Add project</source>
        <translation>添加项目</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="185"/>
        <source>Change status</source>
        <translation>更改状态</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="195"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="195"/>
        <source>List</source>
        <translation>清单</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="195"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="195"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="208"/>
        <source>Projects of %1</source>
        <translation>%1的结对共建项目</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="210"/>
        <source>No unit selected.</source>
        <translation>未选择单位。</translation>
    </message>
</context>
<context>
    <name>ReassignDialog</name>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_roster.py" line="163"/>
        <source>Give to a responder</source>
        <translation>改派应急人员</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_roster.py" line="169"/>
        <source>Responder</source>
        <translation>应急人员</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_roster.py" line="171"/>
        <source>Give</source>
        <translation>改派</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_roster.py" line="191"/>
        <source>Add a responder first (Alt+Y).</source>
        <translation>请先添加应急人员（Alt+Y）。</translation>
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
        <location filename="../../stationdesk/ui/pages/emergency_roster.py" line="202"/>
        <source>Responders</source>
        <translation>应急人员</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_roster.py" line="203"/>
        <source>On the list now</source>
        <translation>现有应急人员</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_roster.py" line="215"/>
        <source>A volunteer&apos;s name, when not a worker</source>
        <translation>非工作人员时填写志愿者姓名</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_roster.py" line="219"/>
        <source>Worker</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_roster.py" line="220"/>
        <source>Or name</source>
        <translation>或姓名</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_roster.py" line="221"/>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_roster.py" line="223"/>
        <source>Add responder</source>
        <translation>添加应急人员</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_roster.py" line="251"/>
        <source>all grids</source>
        <translation>全部网格</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_roster.py" line="256"/>
        <source>(a volunteer, by name)</source>
        <translation>（志愿者，按姓名）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_roster.py" line="259"/>
        <source>emergency team</source>
        <translation>应急队员</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_roster.py" line="263"/>
        <source>All grids</source>
        <translation>全部网格</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/emergency_roster.py" line="283"/>
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
<context>
    <name>UnitDialog</name>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="308"/>
        <source>Add unit</source>
        <translation>登记单位</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="308"/>
        <source>Edit unit</source>
        <translation>编辑单位信息</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="329"/>
        <source>Kept as %1 unless a new number is typed</source>
        <translation>不填则保留原号码 %1</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="336"/>
        <source>Signed a pairing agreement</source>
        <translation>已签订结对共建协议</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="346"/>
        <source>What each side commits to (resources, needs, projects)</source>
        <translation>双方承诺（资源清单、需求清单、项目清单）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="350"/>
        <source>Unit name</source>
        <translation>单位名称</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="351"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="352"/>
        <source>Party organisation</source>
        <translation>党组织</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="353"/>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="354"/>
        <source>Contact phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="356"/>
        <source>Signed on</source>
        <translation>签订日期</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="357"/>
        <source>Valid until</source>
        <translation>到期日期</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="358"/>
        <source>Commitments</source>
        <translation>共建承诺</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="383"/>
        <source>The agreement ends before it is signed.</source>
        <translation>共建协议到期日早于签订日。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="385"/>
        <source>The commitments are too long.</source>
        <translation>共建承诺不能超过2000个字。</translation>
    </message>
</context>
<context>
    <name>UnitsTab</name>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="66"/>
        <source>Add unit</source>
        <translation>登记单位</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="69"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="80"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="81"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="82"/>
        <source>Party organisation</source>
        <translation>党组织</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="83"/>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="84"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="85"/>
        <source>Pairing agreement</source>
        <translation>结对共建协议</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="86"/>
        <source>Members</source>
        <translation>党员数</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/units.py" line="87"/>
        <source>Commitments</source>
        <translation>共建承诺</translation>
    </message>
</context>
<context>
    <name>VolunteerPage</name>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/page.py" line="30"/>
        <source>Volunteer service</source>
        <translation>志愿服务</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/page.py" line="38"/>
        <source>Units</source>
        <translation>驻区单位</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/page.py" line="39"/>
        <source>Party members</source>
        <translation>在职党员</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/page.py" line="40"/>
        <source>Activities</source>
        <translation>活动</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/page.py" line="41"/>
        <source>Wish wall</source>
        <translation>微心愿</translation>
    </message>
</context>
<context>
    <name>WishDialog</name>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/wish_dialogs.py" line="59"/>
        <source>Record a wish</source>
        <translation>登记心愿</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/wish_dialogs.py" line="63"/>
        <source>Resident: name, pinyin or last digits of the ID</source>
        <translation>居民姓名、拼音或身份证号后几位</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/wish_dialogs.py" line="66"/>
        <source>e.g. change a light bulb</source>
        <translation>如：帮独居老人更换灯泡</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/wish_dialogs.py" line="74"/>
        <location filename="../../stationdesk/ui/pages/volunteer/wish_dialogs.py" line="80"/>
        <source>Resident</source>
        <translation>居民</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/wish_dialogs.py" line="81"/>
        <source>Wish</source>
        <translation>心愿</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/wish_dialogs.py" line="82"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/wish_dialogs.py" line="83"/>
        <source>Deadline</source>
        <translation>完成期限</translation>
    </message>
</context>
<context>
    <name>WishStepDialog</name>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/wish_dialogs.py" line="115"/>
        <source>Claim a wish</source>
        <translation>认领微心愿</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/wish_dialogs.py" line="116"/>
        <source>Wish fulfilled</source>
        <translation>微心愿已完成</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/wish_dialogs.py" line="117"/>
        <source>Resident&apos;s confirmation</source>
        <translation>居民确认</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/wish_dialogs.py" line="126"/>
        <source>Wish</source>
        <translation>心愿</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/wish_dialogs.py" line="127"/>
        <source>Member&apos;s name or pinyin</source>
        <translation>党员姓名或拼音</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/wish_dialogs.py" line="143"/>
        <source>Member</source>
        <translation>党员</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/wish_dialogs.py" line="148"/>
        <source>What was done</source>
        <translation>完成情况</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/wish_dialogs.py" line="149"/>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/wish_dialogs.py" line="153"/>
        <source>Grade</source>
        <translation>评价</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/wish_dialogs.py" line="164"/>
        <location filename="../../stationdesk/ui/pages/volunteer/wish_dialogs.py" line="211"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/wish_dialogs.py" line="167"/>
        <source>Add photo…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/wish_dialogs.py" line="170"/>
        <source>Remove photo</source>
        <translation>移除照片</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/wish_dialogs.py" line="181"/>
        <source>Add a photo</source>
        <translation>添加照片</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/wish_dialogs.py" line="181"/>
        <source>Photos (*.jpg *.jpeg *.png)</source>
        <translation>照片 (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/wish_dialogs.py" line="222"/>
        <source>The note is too long.</source>
        <translation>完成情况不能超过2000个字。</translation>
    </message>
</context>
<context>
    <name>WishesTab</name>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/wishes.py" line="40"/>
        <source>Record a wish</source>
        <extracomment>The step each button takes, by the status a wish must be in for it.</extracomment>
        <translation>登记心愿</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/wishes.py" line="43"/>
        <source>Claim</source>
        <translation>认领</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/wishes.py" line="46"/>
        <source>Fulfilled</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/wishes.py" line="49"/>
        <source>Resident confirms</source>
        <translation>居民确认</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/wishes.py" line="53"/>
        <source>View photo</source>
        <translation>查看照片</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/wishes.py" line="73"/>
        <source>Resident</source>
        <translation>居民</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/wishes.py" line="74"/>
        <source>Wish</source>
        <translation>心愿</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/wishes.py" line="75"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/wishes.py" line="76"/>
        <source>Deadline</source>
        <translation>完成期限</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/wishes.py" line="77"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/wishes.py" line="78"/>
        <source>Member</source>
        <translation>党员</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/wishes.py" line="79"/>
        <source>Grade</source>
        <translation>评价</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/wishes.py" line="80"/>
        <source>What was done</source>
        <translation>完成情况</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/wishes.py" line="81"/>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/wishes.py" line="98"/>
        <source>%1 (overdue)</source>
        <translation>%1（已逾期）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/volunteer/wishes.py" line="115"/>
        <source>%1 overdue (red)</source>
        <translation>逾期 %1 件（红色）</translation>
    </message>
</context>
</TS>
