<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccountValidation</name>
    <message>
        <location filename="../../stationdesk/ui/validation.py" line="13" />
        <source>Login names: 2-32 characters, a lowercase letter first, then letters, digits, . _ -</source>
        <translation>登录名为2-32位，以小写字母开头，可含字母、数字和 . _ -</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/validation.py" line="18" />
        <source>Passwords have at least 8 characters, no spaces at either end.</source>
        <translation>密码至少8位，首尾不能有空格。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/validation.py" line="22" />
        <source>The passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>AddWorkerDialog</name>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="195" />
        <source>Add worker</source>
        <translation>添加工作人员</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="201" />
        <source>Social worker</source>
        <translation>全科社工</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="202" />
        <source>Station head</source>
        <translation>站长</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="203" />
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="208" />
        <source>Login name</source>
        <translation>登录名</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="209" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="210" />
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="211" />
        <source>Password</source>
        <translation>密码</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="83" />
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="84" />
        <source>Create the first account; it manages workers and backups.</source>
        <translation>创建第一个账户，用于管理工作人员和备份。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="97" />
        <source>Login name</source>
        <translation>登录名</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="98" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="99" />
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="100" />
        <source>Repeat password</source>
        <translation>确认密码</translation>
    </message>
</context>
<context>
    <name>DeskController</name>
    <message>
        <location filename="../../stationdesk/ui/app.py" line="194" />
        <source>Social worker</source>
        <translation>全科社工</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/app.py" line="195" />
        <source>Station head</source>
        <translation>站长</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/app.py" line="196" />
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/app.py" line="289" />
        <source>Wrong password.</source>
        <translation>密码错误。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/app.py" line="300" />
        <source>Could not complete</source>
        <translation>未能完成</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/app.py" line="317" />
        <source>Data folder: %1</source>
        <translation>数据文件夹：%1</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/app.py" line="319" />
        <source>Database schema: %1</source>
        <translation>数据库结构版本：%1</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="121" />
        <source>stationdesk — First run</source>
        <translation>stationdesk —— 首次设置</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="125" />
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="129" />
        <source>No station has been set up on this computer yet. This wizard creates one. Its data will be kept, encrypted, in:</source>
        <translation>本机尚未设置站点。本向导将创建一个站点，数据将加密保存在：</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="137" />
        <source>Just trying it out? Open the demo station</source>
        <translation>只是试用？打开演示站点</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <location filename="../../stationdesk/ui/lock.py" line="18" />
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/lock.py" line="21" />
        <source>The desk is locked</source>
        <translation>受理台已锁定</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/lock.py" line="23" />
        <source>Logged in: %1</source>
        <translation>当前登录：%1</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/lock.py" line="27" />
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/lock.py" line="30" />
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/lock.py" line="33" />
        <source>Switch user</source>
        <translation>切换用户</translation>
    </message>
</context>
<context>
    <name>LoginWindow</name>
    <message>
        <location filename="../../stationdesk/ui/login.py" line="25" />
        <source>stationdesk — Login</source>
        <translation>stationdesk —— 登录</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/login.py" line="30" />
        <source>Community Service Station Desk</source>
        <translation>社区党群服务站综合受理台</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/login.py" line="33" />
        <source>Opening the station…</source>
        <translation>正在打开站点…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/login.py" line="39" />
        <source>Login name</source>
        <translation>登录名</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/login.py" line="43" />
        <location filename="../../stationdesk/ui/login.py" line="46" />
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/login.py" line="45" />
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/login.py" line="53" />
        <location filename="../../stationdesk/ui/login.py" line="113" />
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/login.py" line="95" />
        <source>Demo station — logins for trying it out:</source>
        <translation>演示站点 —— 可用以下账户试用：</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/login.py" line="104" />
        <source>The station could not be opened</source>
        <translation>无法打开站点</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/login.py" line="113" />
        <source>Logging in…</source>
        <translation>正在登录…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="36" />
        <source>stationdesk — %1</source>
        <translation>stationdesk —— %1</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="40" />
        <source>Residents</source>
        <translation>居民</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="41" />
        <source>Certificates</source>
        <translation>证明</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="42" />
        <source>Matters</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="43" />
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="44" />
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="45" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="69" />
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="76" />
        <source>Search residents: name, pinyin, last digits of ID or phone, address (Ctrl+K)</source>
        <translation>搜索居民：姓名、拼音、身份证或电话后几位、地址（Ctrl+K）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="86" />
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="90" />
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="109" />
        <source>Sync: not set up</source>
        <translation>同步：未配置</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="116" />
        <source>Worker: %1 (%2)</source>
        <translation>工作人员：%1（%2）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="121" />
        <source>Station: %1 %2</source>
        <translation>站点：%1 %2</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="129" />
        <source>Social worker</source>
        <translation>全科社工</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="130" />
        <source>Station head</source>
        <translation>站长</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/main_window.py" line="131" />
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <location filename="../../stationdesk/ui/pages/placeholder.py" line="16" />
        <source>This area is not available in this version yet.</source>
        <translation>本版本暂未提供此功能。</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="42" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="46" />
        <source>Interface</source>
        <translation>界面</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="55" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="58" />
        <source>Station</source>
        <translation>站点</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="63" />
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="67" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="74" />
        <source>Lock after idle</source>
        <translation>无操作自动锁定</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="80" />
        <source>Audit</source>
        <translation>审计</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="82" />
        <source>Verify the audit chain</source>
        <translation>核验审计链</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="90" />
        <location filename="../../stationdesk/ui/pages/settings.py" line="187" />
        <source>About stationdesk</source>
        <translation>关于 stationdesk</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="97" />
        <source>Workers</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="102" />
        <source>Login</source>
        <translation>登录名</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="102" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="102" />
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="102" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="108" />
        <source>Add worker…</source>
        <translation>添加工作人员…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="127" />
        <source>Social worker</source>
        <translation>全科社工</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="128" />
        <source>Station head</source>
        <translation>站长</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="129" />
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="131" />
        <source>Active</source>
        <translation>在用</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="131" />
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="168" />
        <source>Checking…</source>
        <translation>正在核验…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../stationdesk/ui/pages/settings.py" line="172" />
        <source>Intact: %n record(s)</source>
        <translation>
            <numerusform>完好：共 %n 条记录</numerusform></translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="175" />
        <source>Broken at record %1</source>
        <translation>第 %1 条记录起被篡改</translation>
    </message>
</context>
<context>
    <name>StationPage</name>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="52" />
        <source>Station</source>
        <translation>站点</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="53" />
        <source>Enter the station code assigned by the district, and its name.</source>
        <translation>请输入区里分配的站点编码和站点名称。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="59" />
        <source>e.g. Xinghai Community Service Station</source>
        <translation>例如：星海社区党群服务站</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="61" />
        <source>Station code</source>
        <translation>站点编码</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="62" />
        <source>Station name</source>
        <translation>站点名称</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="73" />
        <source>The station code is 4-12 letters or digits.</source>
        <translation>站点编码应为4-12位字母或数字。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="76" />
        <source>The station name has 2-100 characters.</source>
        <translation>站点名称应为2-100个字。</translation>
    </message>
</context>
</TS>