<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/dialogs.py" line="64"/>
        <source>Refer to</source>
        <translation>转办至</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/dialogs.py" line="68"/>
        <source>You are recording the department&apos;s answer by hand; the timeline says so.</source>
        <translation>您正在代部门手工录入；办理经过中会注明“手工录入”。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/dialogs.py" line="75"/>
        <source>Reason for not accepting (told to the resident)</source>
        <translation>不予受理理由（须告知群众）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/dialogs.py" line="76"/>
        <source>Why the department sends it back</source>
        <translation>部门退回理由</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/dialogs.py" line="77"/>
        <source>The department&apos;s answer</source>
        <translation>部门反馈内容</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/dialogs.py" line="78"/>
        <source>Materials still needed (tell the resident all at once)</source>
        <translation>需补正的材料（一次性告知）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/dialogs.py" line="79"/>
        <source>Why the matter is reopened</source>
        <translation>重启原因</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/dialogs.py" line="80"/>
        <source>Message to the department</source>
        <translation>转办说明</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/dialogs.py" line="87"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/dialogs.py" line="105"/>
        <source>This step needs a note.</source>
        <translation>此步骤需要填写说明。</translation>
    </message>
</context>
<context>
    <name>CaseIntakeDialog</name>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/intake.py" line="54"/>
        <source>New matter</source>
        <translation>登记新事项</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/intake.py" line="63"/>
        <source>Type a name or pinyin initials, e.g. zczx</source>
        <translation>输入名称或拼音首字母筛选，如 zczx</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/intake.py" line="71"/>
        <source>Matter type</source>
        <translation>事项类型</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/intake.py" line="77"/>
        <source>Channel</source>
        <translation>来源渠道</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/intake.py" line="83"/>
        <source>What the resident asks for, in one line</source>
        <translation>一句话概括群众诉求</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/intake.py" line="85"/>
        <source>Summary</source>
        <translation>诉求摘要</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/intake.py" line="90"/>
        <source>Details</source>
        <translation>详细描述</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/intake.py" line="96"/>
        <source>Leave empty when anonymous</source>
        <translation>匿名可不填</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/intake.py" line="101"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/intake.py" line="103"/>
        <source>Reported by</source>
        <translation>反映人</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/intake.py" line="110"/>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/intake.py" line="112"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/intake.py" line="118"/>
        <source>Closed on the spot</source>
        <translation>当场办结·马上办</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/intake.py" line="122"/>
        <source>What was done for the resident</source>
        <translation>办理结果</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/intake.py" line="172"/>
        <source>%1 · %2 · %3 working days</source>
        <translation>%1 · %2 · %3个工作日</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/intake.py" line="241"/>
        <source>The phone number is not valid.</source>
        <translation>联系电话格式不正确。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/intake.py" line="243"/>
        <location filename="../../stationdesk/ui/pages/cases/intake.py" line="254"/>
        <source>Choose a matter type.</source>
        <translation>请选择事项类型。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/intake.py" line="245"/>
        <location filename="../../stationdesk/ui/pages/cases/intake.py" line="254"/>
        <source>Enter a summary.</source>
        <translation>请填写诉求摘要。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/intake.py" line="247"/>
        <location filename="../../stationdesk/ui/pages/cases/intake.py" line="257"/>
        <source>Enter what was done for the resident.</source>
        <translation>请填写办理结果。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/intake.py" line="152"/>
        <source>New matter for %1</source>
        <translation>为%1登记事项</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/intake.py" line="161"/>
        <source>Reporter, address and grid come from the resident record.</source>
        <translation>反映人、电话、地址和网格取自居民档案。</translation>
    </message>
</context>
<context>
    <name>CasePanel</name>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/panel.py" line="80"/>
        <source>Select a matter on the left, or press Ctrl+N for a new one.</source>
        <extracomment>The key used with Alt for each quick action.</extracomment>
        <translation>请在左侧选择事项，或按 Ctrl+N 登记新事项。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/panel.py" line="103"/>
        <source>Matter</source>
        <translation>事项信息</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/panel.py" line="113"/>
        <source>Show</source>
        <translation>查看</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/panel.py" line="114"/>
        <source>Show full number</source>
        <translation>显示完整号码</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/panel.py" line="130"/>
        <source>Type</source>
        <translation>事项类型</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/panel.py" line="131"/>
        <source>Channel</source>
        <translation>来源渠道</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/panel.py" line="132"/>
        <source>Summary</source>
        <translation>诉求摘要</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/panel.py" line="133"/>
        <source>Details</source>
        <translation>详细描述</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/panel.py" line="134"/>
        <source>Reported by</source>
        <translation>反映人</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/panel.py" line="135"/>
        <source>Address / grid</source>
        <translation>地址 / 网格</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/panel.py" line="136"/>
        <source>Received by</source>
        <translation>首问人</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/panel.py" line="137"/>
        <source>Department</source>
        <translation>承办部门</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/panel.py" line="138"/>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/panel.py" line="141"/>
        <source>Handle</source>
        <translation>办理</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/panel.py" line="146"/>
        <source>Note for the next step (optional)</source>
        <translation>本步说明（可选）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/panel.py" line="167"/>
        <source>Satisfaction (Alt+1 to Alt+5):</source>
        <translation>满意度评价（Alt+1 至 Alt+5）：</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/panel.py" line="184"/>
        <source>Timeline</source>
        <translation>办理经过</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/panel.py" line="189"/>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/panel.py" line="200"/>
        <source>Add scan or photo…</source>
        <translation>添加扫描件或照片…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/panel.py" line="246"/>
        <source>Finished</source>
        <translation>已结束</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/panel.py" line="251"/>
        <source>Due %1 · overdue</source>
        <translation>%1 到期 · 已超期</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/panel.py" line="254"/>
        <source>Due %1 · overdue by %2 working days</source>
        <translation>%1 到期 · 已超期 %2 个工作日</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/panel.py" line="260"/>
        <source>Due %1 · %2 of %3 working days used</source>
        <translation>%1 到期 · 已用 %2/%3 个工作日</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/panel.py" line="266"/>
        <source>clock paused (pending materials)</source>
        <translation>待补正，计时暂停</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/panel.py" line="269"/>
        <source>%1 (%2 working days)</source>
        <translation>%1（承诺 %2 个工作日）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/panel.py" line="276"/>
        <source>Anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/panel.py" line="289"/>
        <source>%1 (%2, %3)</source>
        <translation>%1（%2，%3）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/panel.py" line="310"/>
        <source>%1 — recorded by hand for the department</source>
        <translation>%1 — 代部门手工录入</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/panel.py" line="317"/>
        <source>Nothing more can be done with this matter.</source>
        <translation>此事项已办结归档，无需再办理。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/panel.py" line="321"/>
        <source>Only %1, who received this matter, or a station head may handle it.</source>
        <translation>首问负责：此事项只能由首问人 %1 或站长办理。</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <location filename="../../stationdesk/ui/pages/case_models.py" line="64"/>
        <source>Number</source>
        <extracomment>The six rates of a :class:`~stationdesk.domain.metrics.Metrics`, each with its two counts.</extracomment>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/case_models.py" line="65"/>
        <source>Matter type</source>
        <translation>事项类型</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/case_models.py" line="66"/>
        <source>Summary</source>
        <translation>诉求摘要</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/case_models.py" line="67"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/case_models.py" line="68"/>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/case_models.py" line="69"/>
        <source>Received by</source>
        <translation>首问人</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/case_models.py" line="70"/>
        <source>Department</source>
        <translation>承办部门</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/case_models.py" line="71"/>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/case_models.py" line="97"/>
        <source>(paused)</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/case_models.py" line="112"/>
        <source>%1 of %2 working days used</source>
        <translation>已用 %1/%2 个工作日</translation>
    </message>
</context>
<context>
    <name>CasesPage</name>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/page.py" line="130"/>
        <source>Matters</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/page.py" line="133"/>
        <source>Filter by number, type, summary…</source>
        <translation>按编号、类型、摘要筛选…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/page.py" line="138"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/page.py" line="176"/>
        <source>No matters in this view.</source>
        <translation>此视图中没有事项。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/page.py" line="228"/>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/page.py" line="229"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/page.py" line="230"/>
        <source>Overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/page.py" line="231"/>
        <source>Awaiting department</source>
        <translation>待部门办理</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/page.py" line="232"/>
        <source>To follow up</source>
        <translation>待回访</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/page.py" line="236"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/page.py" line="461"/>
        <source>Add a scan or photo</source>
        <translation>添加扫描件或照片</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/page.py" line="463"/>
        <source>Scans and photos (*.pdf *.jpg *.jpeg *.png *.gif *.webp *.bmp *.tif *.tiff)</source>
        <translation>扫描件和照片 (*.pdf *.jpg *.jpeg *.png *.gif *.webp *.bmp *.tif *.tiff)</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/page.py" line="493"/>
        <source>Save attachment</source>
        <translation>保存附件</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/page.py" line="141"/>
        <source>New matter</source>
        <translation>登记新事项</translation>
    </message>
</context>
<context>
    <name>GroupMetricsModel</name>
    <message>
        <location filename="../../stationdesk/ui/pages/case_models.py" line="133"/>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/case_models.py" line="134"/>
        <source>Registered</source>
        <translation>登记</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/case_models.py" line="135"/>
        <source>Acceptance</source>
        <translation>受理率</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/case_models.py" line="136"/>
        <source>Completion</source>
        <translation>办结率</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/case_models.py" line="137"/>
        <source>On time</source>
        <translation>按期办结率</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/case_models.py" line="138"/>
        <source>Timely ack</source>
        <translation>及时签收率</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/case_models.py" line="139"/>
        <source>Follow-up</source>
        <translation>回访率</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/case_models.py" line="140"/>
        <source>Satisfaction</source>
        <translation>满意率</translation>
    </message>
</context>
<context>
    <name>ImagePreview</name>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/dialogs.py" line="142"/>
        <source>This image cannot be shown.</source>
        <translation>无法显示此图片。</translation>
    </message>
</context>
<context>
    <name>NoCasesPage</name>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/page.py" line="101"/>
        <source>Matters</source>
        <extracomment>Styles of this page only (the shared desk.qss stays untouched).</extracomment>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/page.py" line="102"/>
        <source>Administrator accounts do not handle matters.</source>
        <translation>管理员账户不办理事项。</translation>
    </message>
</context>
<context>
    <name>RevealDialog</name>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/dialogs.py" line="120"/>
        <source>Show full number</source>
        <translation>显示完整号码</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/dialogs.py" line="123"/>
        <source>Viewing the full number is recorded with your reason.</source>
        <translation>查看完整号码将连同原因记入审计日志。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/dialogs.py" line="125"/>
        <source>Reason</source>
        <translation>查看原因</translation>
    </message>
</context>
<context>
    <name>StatsPage</name>
    <message>
        <location filename="../../stationdesk/ui/pages/stats.py" line="86"/>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/stats.py" line="89"/>
        <source>Period</source>
        <translation>统计期间</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/stats.py" line="104"/>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/stats.py" line="107"/>
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/stats.py" line="111"/>
        <source>Count &apos;basically satisfied&apos; as satisfied</source>
        <translation>“基本满意”计入满意</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/stats.py" line="118"/>
        <source>A station rule; the station head can change it.</source>
        <translation>本站统计口径，由站长设置。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/stats.py" line="124"/>
        <source>Export report (Excel + PDF)</source>
        <translation>导出报表（Excel + PDF）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/stats.py" line="133"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/stats.py" line="162"/>
        <source>The six rates</source>
        <translation>六项指标</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/stats.py" line="168"/>
        <source>By group</source>
        <translation>分组对比</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/stats.py" line="172"/>
        <source>By worker</source>
        <translation>按工作人员</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/stats.py" line="173"/>
        <source>By matter type</source>
        <translation>按事项类型</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/stats.py" line="174"/>
        <source>By grid</source>
        <translation>按网格</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/stats.py" line="184"/>
        <source>Figures by group</source>
        <translation>分组明细</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/stats.py" line="191"/>
        <source>Overdue now</source>
        <translation>当前超期事项</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/stats.py" line="198"/>
        <source>No matter is overdue.</source>
        <translation>当前没有超期事项。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/stats.py" line="216"/>
        <source>Acceptance rate</source>
        <translation>受理率</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/stats.py" line="217"/>
        <source>Completion rate</source>
        <translation>办结率</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/stats.py" line="218"/>
        <source>On-time completion rate</source>
        <translation>按期办结率</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/stats.py" line="219"/>
        <source>Timely acknowledgement rate</source>
        <translation>及时签收率</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/stats.py" line="220"/>
        <source>Follow-up rate</source>
        <translation>回访率</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/stats.py" line="221"/>
        <source>Satisfaction rate</source>
        <translation>满意率</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/stats.py" line="296"/>
        <source>The period ends before it starts.</source>
        <translation>统计期间的结束日期早于开始日期。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/stats.py" line="346"/>
        <source>Rate</source>
        <translation>比率</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/stats.py" line="368"/>
        <source>Worker</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/stats.py" line="368"/>
        <source>Matter type</source>
        <translation>事项类型</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/stats.py" line="368"/>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/stats.py" line="396"/>
        <source>Writing the report…</source>
        <translation>正在生成报表…</translation>
    </message>
</context>
<context>
    <name>TimelineEntry</name>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/panel.py" line="395"/>
        <source>Department: %1</source>
        <translation>承办部门：%1</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/panel.py" line="397"/>
        <source>Recorded by hand (department answer given by phone)</source>
        <translation>工作人员手工录入（部门电话答复等）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/panel.py" line="399"/>
        <source>Answered on the district platform</source>
        <translation>部门在区平台答复</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/panel.py" line="408"/>
        <source>Registered</source>
        <translation>登记</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/panel.py" line="411"/>
        <source>Satisfaction: %1</source>
        <translation>满意度评价：%1</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/panel.py" line="413"/>
        <source>Attachment added</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/cases/panel.py" line="415"/>
        <source>Department answer (state unchanged)</source>
        <translation>部门答复（状态未变）</translation>
    </message>
</context>
<context>
    <name>VolunteerStatsBox</name>
    <message>
        <location filename="../../stationdesk/ui/pages/stats_volunteer.py" line="51"/>
        <source>Volunteer service (approved records)</source>
        <translation>志愿服务（已审核记录）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/stats_volunteer.py" line="62"/>
        <source>Export volunteer report (Excel)</source>
        <translation>导出志愿服务统计（Excel）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/stats_volunteer.py" line="106"/>
        <source>%1 of %2 members served, %3 hours in all, %4 wishes fulfilled</source>
        <translation>在册党员 %2 人，参与服务 %1 人，累计 %3 小时，完成微心愿 %4 个</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/stats_volunteer.py" line="115"/>
        <source>Hours by unit</source>
        <translation>各单位服务时长（小时）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/stats_volunteer.py" line="121"/>
        <source>Hours by kind</source>
        <translation>各类别服务时长（小时）</translation>
    </message>
</context>
</TS>
