<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddWorkerDialog</name>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="498"/>
        <source>Add worker</source>
        <translation>添加工作人员</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="509"/>
        <source>Login name</source>
        <translation>登录名</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="510"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="511"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="512"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
</context>
<context>
    <name>AddressPrefixField</name>
    <message>
        <location filename="../../stationdesk/ui/pages/settings_station.py" line="25"/>
        <source>e.g. 大连市西岗区人民广场街道XX社区</source>
        <translation>如：大连市西岗区人民广场街道XX社区</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings_station.py" line="29"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings_station.py" line="74"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="189"/>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="190"/>
        <location filename="../../stationdesk/ui/wizard.py" line="214"/>
        <source>Create the first account; it manages workers and backups.</source>
        <translation>创建第一个账户，用于管理工作人员和备份。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="197"/>
        <source>Login name</source>
        <translation>登录名</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="198"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="199"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="200"/>
        <source>Repeat password</source>
        <translation>确认密码</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="209"/>
        <source>Enter the login name of an administrator the district holds for this station, and a new password for it (the other workers get theirs from the administrator).</source>
        <translation>请填写区平台上本站一名管理员的登录名，并为其设置新密码（其他工作人员的密码由管理员另行设置）。</translation>
    </message>
</context>
<context>
    <name>CardReaderBox</name>
    <message>
        <location filename="../../stationdesk/ui/pages/settings_reader.py" line="31"/>
        <source>ID-card reader</source>
        <translation>身份证读卡器</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings_reader.py" line="40"/>
        <source>No reader</source>
        <translation>不使用读卡器</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings_reader.py" line="41"/>
        <source>Serial reader (GA/T 467, USB serial port)</source>
        <translation>串口读卡器（GA/T 467，USB串口）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings_reader.py" line="42"/>
        <source>Vendor library (termb.dll, Windows)</source>
        <translation>厂商接口（termb.dll，仅Windows）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings_reader.py" line="51"/>
        <source>e.g. COM3 or /dev/ttyUSB0; 1001 for a USB SDK</source>
        <translation>如 COM3 或 /dev/ttyUSB0；厂商接口USB读卡器填 1001</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings_reader.py" line="54"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings_reader.py" line="63"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings_reader.py" line="68"/>
        <source>Reader</source>
        <translation>读卡器</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings_reader.py" line="69"/>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings_reader.py" line="70"/>
        <source>SDK library</source>
        <translation>厂商接口库</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings_reader.py" line="102"/>
        <source>The reader&apos;s SDK library</source>
        <translation>读卡器厂商接口库</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings_reader.py" line="102"/>
        <source>Libraries (*.dll *.so)</source>
        <translation>接口库（*.dll *.so）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings_reader.py" line="111"/>
        <source>Choose the reader&apos;s serial port.</source>
        <translation>请选择读卡器的串口。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings_reader.py" line="114"/>
        <source>Choose the SDK library (termb.dll).</source>
        <translation>请选择厂商接口库（termb.dll）。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings_reader.py" line="122"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>DataFolderPage</name>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="386"/>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="389"/>
        <source>The station&apos;s encrypted database, its backups and logs are kept here. Choose an empty or new folder on a local disk.</source>
        <translation>本站加密数据库、备份和日志都保存在这里。请选择本机磁盘上的一个空文件夹或新文件夹。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="394"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="397"/>
        <source>Use the default</source>
        <translation>使用默认位置</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="407"/>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="423"/>
        <source>Choose the data folder</source>
        <translation>选择数据文件夹</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="437"/>
        <source>Checking the folder…</source>
        <translation>正在检查文件夹…</translation>
    </message>
</context>
<context>
    <name>DistrictPage</name>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="230"/>
        <source>District platform</source>
        <translation>区平台</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="233"/>
        <source>Enter the server address and the enrolment token the district gave this station. You can skip this step and enter them later on the Settings page.</source>
        <translation>请填写区里为本站提供的服务器地址和接入令牌。也可以跳过此步，以后在“设置”页填写。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="240"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="249"/>
        <source>Skip for now</source>
        <translation>暂时跳过</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="257"/>
        <source>The token is kept in the system&apos;s credential store, never in the station&apos;s files. Without it the station works offline.</source>
        <translation>令牌保存在系统凭据库中，不写入站点文件。未接入时本站可离线正常使用。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="265"/>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="266"/>
        <source>Enrolment token</source>
        <translation>接入令牌</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="296"/>
        <source>Now enter the enrolment token, or clear the address.</source>
        <translation>请再填写接入令牌，或清空服务器地址。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="298"/>
        <source>Now enter the server address, or clear the token.</source>
        <translation>请再填写服务器地址，或清空接入令牌。</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="506"/>
        <source>Create the station</source>
        <translation>创建站点</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="506"/>
        <source>Rebuild from the district</source>
        <translation>从区平台恢复本站</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="533"/>
        <source>Rebuilding the station from the district…</source>
        <translation>正在从区平台恢复本站…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="535"/>
        <source>Creating the station…</source>
        <translation>正在创建站点…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="478"/>
        <source>First run</source>
        <translation>首次设置</translation>
    </message>
</context>
<context>
    <name>IntroPage</name>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="99"/>
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="103"/>
        <source>No station has been set up on this computer yet. In five short steps this wizard creates one: the station, its administrator, the link to the district platform, the printer and the folder for its encrypted data.</source>
        <translation>这台电脑上还没有设置站点。本向导分五步创建站点：站点信息、管理员账户、区平台接入、打印机，以及加密数据的保存位置。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="112"/>
        <source>Just trying it out? The demo station has made-up data and its logins are shown on the login screen. It is kept apart from any real station.</source>
        <translation>只是想先试用？演示站点使用虚构数据，登录界面会显示演示账户，与正式站点完全分开。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="120"/>
        <source>Rebuild this station from the district platform (its computer was replaced and no backup is at hand)</source>
        <translation>从区平台恢复本站（本站电脑已更换，且手头没有备份）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="127"/>
        <source>Open the demo station</source>
        <translation>打开演示站点</translation>
    </message>
</context>
<context>
    <name>PrinterChoice</name>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="58"/>
        <source>None: choose when printing</source>
        <translation>不指定：打印时再选择</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="61"/>
        <source>%1 (system default)</source>
        <translation>%1（系统默认）</translation>
    </message>
</context>
<context>
    <name>PrinterPage</name>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="315"/>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="317"/>
        <source>Choose the printer for certificates and notices. You can change it later.</source>
        <translation>选择打印证明和告知书的打印机，以后可以更改。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="322"/>
        <source>Looking for printers…</source>
        <translation>正在查找打印机…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="324"/>
        <source>Look again</source>
        <translation>重新查找</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="331"/>
        <source>Default printer</source>
        <translation>默认打印机</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="354"/>
        <source>No printer was found. You can add one later.</source>
        <translation>未找到打印机，可以以后再添加。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="361"/>
        <source>The printer list could not be read.</source>
        <translation>无法读取打印机列表。</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="83"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="85"/>
        <source>Interface</source>
        <translation>界面</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="95"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="99"/>
        <source>Looking for printers…</source>
        <translation>正在查找打印机…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="101"/>
        <source>Default printer</source>
        <translation>默认打印机</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="106"/>
        <source>Station</source>
        <translation>站点</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="111"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="118"/>
        <location filename="../../stationdesk/ui/pages/settings.py" line="205"/>
        <location filename="../../stationdesk/ui/pages/settings.py" line="269"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="125"/>
        <source>Lock after idle</source>
        <translation>无操作自动锁定</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="139"/>
        <source>Audit</source>
        <translation>审计</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="142"/>
        <source>Verify the audit chain</source>
        <translation>核验审计链</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="150"/>
        <source>About stationdesk</source>
        <translation>关于 stationdesk</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="181"/>
        <source>%1 (not found)</source>
        <translation>%1（未连接）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="194"/>
        <source>District platform</source>
        <translation>区平台</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="207"/>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="208"/>
        <source>Enrolment token</source>
        <translation>接入令牌</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="225"/>
        <source>An enrolment token is stored.</source>
        <translation>已保存接入令牌。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="227"/>
        <source>Not enrolled: the station works offline.</source>
        <translation>尚未接入区平台：本站离线使用。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="252"/>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="256"/>
        <source>A backup is made automatically every day while stationdesk runs. Backups stay encrypted and open only on this computer, with this station&apos;s key.</source>
        <translation>程序运行期间每天自动备份一次。备份文件保持加密，只能在本机用本站密钥打开。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="267"/>
        <source> backups</source>
        <translation> 份</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="271"/>
        <source>Keep the newest</source>
        <translation>保留最近</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="277"/>
        <source>Made at</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="277"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="277"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="284"/>
        <source>Back up to a file…</source>
        <translation>备份到文件…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="288"/>
        <source>Restore the selected backup…</source>
        <translation>恢复所选备份…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="296"/>
        <source>Restore from a file…</source>
        <translation>从文件恢复…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="322"/>
        <source>Daily</source>
        <translation>每日自动</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="323"/>
        <source>Before an upgrade</source>
        <translation>升级前</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="324"/>
        <source>Before a restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="325"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="344"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="350"/>
        <source>Back up to a file</source>
        <translation>备份到文件</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="352"/>
        <location filename="../../stationdesk/ui/pages/settings.py" line="378"/>
        <source>Station backups (*.db)</source>
        <translation>站点备份 (*.db)</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="356"/>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="360"/>
        <source>Backup written: %1</source>
        <translation>备份已写入：%1</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="378"/>
        <source>Restore from a file</source>
        <translation>从文件恢复</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="386"/>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="388"/>
        <source>Replace the station&apos;s data with the backup of %1?

Everything recorded since then is lost (a copy of the current data is kept in the backups folder). Everyone is logged out. Certificates cannot be issued until the station has synced with the district.</source>
        <translation>确定用 %1 的备份替换本站数据吗？

此后录入的所有内容都将丢失（当前数据会另存一份到备份文件夹）。所有人员将被退出登录。本站与区平台同步之前不能出具证明。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="398"/>
        <source>Restoring…</source>
        <translation>正在恢复…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="417"/>
        <source>Workers</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="422"/>
        <source>Login</source>
        <translation>登录名</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="422"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="422"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="422"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="428"/>
        <source>Add worker…</source>
        <translation>添加工作人员…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="442"/>
        <source>Active</source>
        <translation>在用</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="442"/>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="472"/>
        <source>Checking…</source>
        <translation>正在核验…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../stationdesk/ui/pages/settings.py" line="476"/>
        <source>Intact: %n record(s)</source>
        <translation>
            <numerusform>完好：共 %n 条记录</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="479"/>
        <source>Broken at record %1</source>
        <translation>第 %1 条记录起被篡改</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="487"/>
        <source>Backups: %1</source>
        <translation>备份文件夹：%1</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="490"/>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/settings.py" line="127"/>
        <source>Address prefix on certificates</source>
        <translation>证明地址前缀（社区）</translation>
    </message>
</context>
<context>
    <name>StationPage</name>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="148"/>
        <source>Station</source>
        <translation>站点</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="149"/>
        <location filename="../../stationdesk/ui/wizard.py" line="166"/>
        <source>Enter the station code assigned by the district, and its name.</source>
        <translation>请输入区里分配的站点编码和站点名称。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="153"/>
        <source>e.g. Xinghai Community Service Station</source>
        <translation>例如：星海社区党群服务站</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="155"/>
        <source>Station code</source>
        <translation>站点编码</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="156"/>
        <source>Station name</source>
        <translation>站点名称</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="164"/>
        <source>Enter this station&apos;s code; its name comes from the district.</source>
        <translation>请填写本站的站点编码，站点名称将从区平台取得。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="179"/>
        <source>The station code is 4-12 letters or digits.</source>
        <translation>站点编码应为4-12位字母或数字。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/wizard.py" line="182"/>
        <source>The station name has 2-100 characters.</source>
        <translation>站点名称应为2-100个字。</translation>
    </message>
</context>
</TS>
