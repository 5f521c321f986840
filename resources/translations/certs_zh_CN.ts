<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CertificateButtons</name>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/common.py" line="40"/>
        <source>Shift+click or Ctrl+Shift+P: choose the printer</source>
        <translation>按住Shift单击或按Ctrl+Shift+P：选择打印机</translation>
    </message>
</context>
<context>
    <name>CertificateCardActions</name>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/card.py" line="33"/>
        <source>Issue certificate</source>
        <translation>开具证明</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/card.py" line="36"/>
        <source>Refuse (notice)</source>
        <translation>不予出具</translation>
    </message>
</context>
<context>
    <name>CertificatesPage</name>
    <message>
        <location filename="../../stationdesk/ui/pages/certificates.py" line="46"/>
        <source>Certificates</source>
        <translation>证明</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificates.py" line="50"/>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificates.py" line="58"/>
        <source>From</source>
        <translation>日期从</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificates.py" line="73"/>
        <source>All items</source>
        <translation>全部事项</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificates.py" line="74"/>
        <source>Refusal notices</source>
        <translation>不予出具告知书</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificates.py" line="78"/>
        <source>All workers</source>
        <translation>全部经办人</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificates.py" line="83"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificates.py" line="91"/>
        <source>Export Excel…</source>
        <translation>导出Excel…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificates.py" line="97"/>
        <source>Export PDF…</source>
        <translation>导出PDF…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificates.py" line="104"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificates.py" line="105"/>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificates.py" line="106"/>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificates.py" line="107"/>
        <source>Holder / applicant</source>
        <translation>持证人/申请人</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificates.py" line="108"/>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificates.py" line="109"/>
        <source>Purpose</source>
        <translation>用途</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificates.py" line="110"/>
        <source>Worker</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificates.py" line="111"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificates.py" line="112"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificates.py" line="122"/>
        <source>Print again…</source>
        <translation>重新打印…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificates.py" line="125"/>
        <source>Void…</source>
        <translation>作废…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificates.py" line="129"/>
        <source>Reissue…</source>
        <translation>补发…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificates.py" line="132"/>
        <source>Verify…</source>
        <translation>核验…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificates.py" line="153"/>
        <source>Issued</source>
        <translation>已出具</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificates.py" line="154"/>
        <source>Void</source>
        <translation>已作废</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificates.py" line="155"/>
        <source>Refused</source>
        <translation>不予出具</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificates.py" line="160"/>
        <source>Void: %1</source>
        <translation>已作废：%1</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificates.py" line="162"/>
        <source>reissued as %1</source>
        <translation>已补发为 %1</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificates.py" line="165"/>
        <source>Reissue of %1</source>
        <translation>补发自 %1</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificates.py" line="213"/>
        <source>%1 issued (%2 void), %3 refused</source>
        <translation>出具 %1 份（其中作废 %2 份），不予出具 %3 份</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificates.py" line="309"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificates.py" line="309"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificates.py" line="311"/>
        <source>Export the ledger</source>
        <translation>导出台账</translation>
    </message>
</context>
<context>
    <name>ChooseTypeDialog</name>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/issue.py" line="65"/>
        <source>Issue a certificate</source>
        <translation>开具证明</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/issue.py" line="69"/>
        <source>Only these items may be issued. Anything else gets a refusal notice.</source>
        <translation>社区只能出具以下清单内的证明事项；清单外的一律出具《不予出具证明告知书》。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/issue.py" line="86"/>
        <source>Not on the list: refusal notice…</source>
        <translation>清单外事项：出具不予出具告知书…</translation>
    </message>
</context>
<context>
    <name>DistrictHoursLine</name>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/district_hours.py" line="22"/>
        <source>Asking the district for the hours served at every station…</source>
        <translation>正在向区平台查询各站的服务时长…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/district_hours.py" line="36"/>
        <source>%1: %2 h</source>
        <translation>%1：%2小时</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/district_hours.py" line="37"/>
        <source>this station</source>
        <translation>本站</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/district_hours.py" line="44"/>
        <source>District total of approved hours (all periods): %1 h in %2 activities (%3).</source>
        <translation>全区已审核服务时长合计（不限期间）：%1小时，共%2次活动（%3）。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/district_hours.py" line="47"/>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/district_hours.py" line="52"/>
        <source>The district total cannot be read now: %1</source>
        <translation>暂时无法读取全区合计：%1</translation>
    </message>
</context>
<context>
    <name>IssueDialog</name>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/issue.py" line="126"/>
        <source>Issue: %1</source>
        <translation>开具证明：%1</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/issue.py" line="140"/>
        <source>Reissue of %1 (voided)</source>
        <translation>补发：原编号 %1 已作废</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/issue.py" line="144"/>
        <source>Filled in from this resident&apos;s last certificate.</source>
        <translation>已按该居民上次出具的同类证明预填。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/issue.py" line="150"/>
        <source>Form</source>
        <translation>证明内容</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/issue.py" line="156"/>
        <source>%1 (optional)</source>
        <translation>%1（选填）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/issue.py" line="174"/>
        <source>Purpose (used only for…)</source>
        <translation>用途（此证明仅用于…）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/issue.py" line="176"/>
        <source>Eligibility checklist</source>
        <translation>出具条件核验</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/issue.py" line="186"/>
        <source>All checked</source>
        <translation>全部已核验</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/issue.py" line="215"/>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/issue.py" line="390"/>
        <source>The preview appears when the form is complete.</source>
        <translation>填写完整后，此处显示证明预览。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/issue.py" line="221"/>
        <source>Does not qualify: refusal notice…</source>
        <translation>不符合条件：出具不予出具告知书…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/issue.py" line="232"/>
        <source>Issue and save PDF…</source>
        <translation>出具并保存PDF…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/issue.py" line="236"/>
        <source>Save PDF…</source>
        <translation>保存PDF…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/issue.py" line="237"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/issue.py" line="271"/>
        <source>From the resident record</source>
        <translation>取自居民档案</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/issue.py" line="310"/>
        <source>YYYY-MM-DD, e.g. 2019-05-01</source>
        <translation>格式 YYYY-MM-DD，例如 2019-05-01</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/issue.py" line="359"/>
        <source>This person has no approved volunteer record (or is not on the roster) for this period; those fields come from the records and cannot be typed.</source>
        <translation>该居民在所选期间没有已审核的志愿服务记录（或不在“双报到”名册中），以下各项取自记录，不能手工填写。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/issue.py" line="379"/>
        <source>%n check(s) of the checklist still to confirm.</source>
        <translation>
            <numerusform>还有 %n 项出具条件未核验。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/issue.py" line="401"/>
        <source>Preview (sample, not yet numbered)</source>
        <translation>预览（样张，出具时编号）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/issue.py" line="438"/>
        <source>Issuing…</source>
        <translation>正在出具…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/issue.py" line="468"/>
        <source>Issued: %1</source>
        <translation>已出具：%1</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/issue.py" line="471"/>
        <source>Issued as %1, valid until %2.</source>
        <translation>已出具，编号 %1，有效期至 %2。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/issue.py" line="511"/>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/issue.py" line="230"/>
        <source>Issue and print</source>
        <translation>出具并打印</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/issue.py" line="235"/>
        <source>Print again</source>
        <translation>再次打印</translation>
    </message>
    <message numerus="yes">
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/issue.py" line="514"/>
        <source>Sent to the printer (%n copy(ies)).</source>
        <translation>
            <numerusform>已发送到打印机（%n份）。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PdfOutput</name>
    <message>
        <location filename="../../stationdesk/ui/pdf.py" line="134"/>
        <source>Save PDF</source>
        <translation>保存PDF</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pdf.py" line="134"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pdf.py" line="162"/>
        <source>The default printer %1 is not connected: choose a printer.</source>
        <translation>默认打印机“%1”未连接，请选择打印机。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pdf.py" line="168"/>
        <location filename="../../stationdesk/ui/pdf.py" line="200"/>
        <source>Printing failed: %1</source>
        <translation>打印失败：%1</translation>
    </message>
</context>
<context>
    <name>RefusalDialog</name>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/refusal.py" line="66"/>
        <source>Refusal notice</source>
        <translation>不予出具证明告知书</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/refusal.py" line="76"/>
        <source>e.g. 亲属关系证明</source>
        <translation>例如：亲属关系证明</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/refusal.py" line="98"/>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/refusal.py" line="99"/>
        <source>Item requested</source>
        <translation>申请出具的证明</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/refusal.py" line="101"/>
        <source>Purpose</source>
        <translation>用途</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/refusal.py" line="102"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/refusal.py" line="103"/>
        <source>Explanation (optional)</source>
        <translation>说明（选填）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/refusal.py" line="104"/>
        <source>Where to go instead</source>
        <translation>建议办理途径</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/refusal.py" line="105"/>
        <source>Legal basis</source>
        <translation>依据</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/refusal.py" line="110"/>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/refusal.py" line="124"/>
        <source>The notice appears here once it is issued.</source>
        <translation>出具后，此处显示告知书。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/refusal.py" line="134"/>
        <source>Issue notice and save PDF…</source>
        <translation>出具告知书并保存PDF…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/refusal.py" line="137"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/refusal.py" line="169"/>
        <source>On the do-not-issue list: %1</source>
        <translation>属于不予出具清单：%1</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/refusal.py" line="232"/>
        <source>Issued: %1</source>
        <translation>已出具：%1</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/refusal.py" line="234"/>
        <source>Notice %1 issued.</source>
        <translation>告知书 %1 已出具。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/refusal.py" line="245"/>
        <source>Save PDF…</source>
        <translation>保存PDF…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/refusal.py" line="115"/>
        <source>Sent to the printer (%n copy(ies)).</source>
        <translation>
            <numerusform>已发送到打印机（%n份）。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/refusal.py" line="132"/>
        <source>Issue notice and print</source>
        <translation>出具告知书并打印</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/refusal.py" line="244"/>
        <source>Print again</source>
        <translation>再次打印</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/void_verify.py" line="63"/>
        <source>Verify a certificate</source>
        <translation>核验证明</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/void_verify.py" line="69"/>
        <source>Number (e.g. SY0101-2026-000123) or QR text</source>
        <translation>证明编号（如 SY0101-2026-000123）或二维码内容</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/void_verify.py" line="72"/>
        <source>Check</source>
        <translation>核验</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/void_verify.py" line="73"/>
        <source>Check a PDF file…</source>
        <translation>核验PDF文件…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/void_verify.py" line="91"/>
        <source>Choose a PDF</source>
        <translation>选择PDF文件</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/void_verify.py" line="91"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/void_verify.py" line="107"/>
        <source>Checking…</source>
        <translation>正在核验…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/void_verify.py" line="117"/>
        <source>VALID</source>
        <translation>真实有效</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/void_verify.py" line="118"/>
        <source>VOID</source>
        <translation>已作废</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/void_verify.py" line="119"/>
        <source>UNKNOWN</source>
        <translation>无法确认</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/void_verify.py" line="120"/>
        <source>FORGED</source>
        <translation>伪造或被篡改</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/void_verify.py" line="132"/>
        <source>Issued %1, valid until %2</source>
        <translation>出具日期 %1，有效期至 %2</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/void_verify.py" line="137"/>
        <source>Expired.</source>
        <translation>已过有效期。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/void_verify.py" line="139"/>
        <source>Void reason: %1</source>
        <translation>作废原因：%1</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/void_verify.py" line="141"/>
        <source>Reissued as %1</source>
        <translation>已补发为 %1</translation>
    </message>
</context>
<context>
    <name>VoidDialog</name>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/void_verify.py" line="32"/>
        <source>Void certificate</source>
        <translation>作废证明</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/void_verify.py" line="35"/>
        <source>Void %1 (%2)? This cannot be undone; a reissue gets a new number.</source>
        <translation>确定作废 %1（%2）吗？作废不可撤销；补发将使用新编号。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/void_verify.py" line="45"/>
        <source>Reason, e.g. 地址填写有误</source>
        <translation>作废原因，例如：地址填写有误</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/certificate_dialogs/void_verify.py" line="48"/>
        <source>Void</source>
        <translation>作废</translation>
    </message>
</context>
</TS>
