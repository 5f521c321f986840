<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="334"/>
        <source>Show the full number</source>
        <translation>显示完整号码</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="336"/>
        <source>e.g. checking identity for a certificate</source>
        <translation>如：开具证明核对身份</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="339"/>
        <source>Showing the full ID number and phone is recorded with your name and reason.</source>
        <translation>显示完整身份证号和电话将记录您的姓名和原因。</translation>
    </message>
</context>
<context>
    <name>ResidentCardView</name>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="57"/>
        <location filename="../../stationdesk/ui/pages/residents.py" line="132"/>
        <source>Pick a resident from the list</source>
        <translation>请从列表中选择居民</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="64"/>
        <source>Show full</source>
        <translation>显示完整</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="75"/>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="76"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="77"/>
        <source>Sex / born</source>
        <translation>性别 / 出生</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="78"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="79"/>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="80"/>
        <source>Ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="81"/>
        <source>Service tags</source>
        <translation>服务标签</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="82"/>
        <source>Sensitive</source>
        <translation>敏感信息</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="84"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="90"/>
        <source>Record visit</source>
        <translation>来访登记</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="111"/>
        <source>Household</source>
        <translation>同户成员</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="112"/>
        <source>Visits</source>
        <translation>来访记录</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="113"/>
        <source>Edits</source>
        <translation>修改记录</translation>
    </message>
</context>
<context>
    <name>ResidentIntakeDialog</name>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="75"/>
        <source>Pinyin, e.g. chen yan: needed when a character has no known reading</source>
        <translation>拼音，如 chen yan：姓名中有查不到读音的字时请填写</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="135"/>
        <source>Reading</source>
        <translation>姓名拼音</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="262"/>
        <source>No known reading for %1: type the name&apos;s pinyin so it can be found by it.</source>
        <translation>“%1”查不到读音：请填写姓名拼音，以便按拼音查找。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="47"/>
        <source>Register a resident</source>
        <translation>居民登记</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="56"/>
        <source>Resident ID card</source>
        <translation>居民身份证</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="57"/>
        <source>HK/Macau/Taiwan residence permit</source>
        <translation>港澳台居民居住证</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="58"/>
        <source>Passport</source>
        <translation>护照</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="59"/>
        <source>Other document</source>
        <translation>其他证件</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="66"/>
        <source>18-digit number; 15-digit numbers are upgraded</source>
        <translation>18位号码；15位旧号码将自动升位</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="81"/>
        <source>Mobile, e.g. 13800000000</source>
        <translation>手机号码，如 13800000000</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="89"/>
        <source>(no address)</source>
        <translation>（无地址）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="96"/>
        <source>Unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="98"/>
        <source>Room</source>
        <translation>室</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="102"/>
        <source>(automatic)</source>
        <translation>（自动）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="107"/>
        <source>(from the building)</source>
        <translation>（按楼栋）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="131"/>
        <source>Document type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="132"/>
        <source>Document number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="134"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="137"/>
        <source>Mobile</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="138"/>
        <source>Ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="139"/>
        <source>Building</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="140"/>
        <source>Relation to head</source>
        <translation>与户主关系</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="141"/>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="142"/>
        <source>Service tags</source>
        <translation>服务标签</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="145"/>
        <source>Sensitive (restricted)</source>
        <translation>敏感信息（限权限）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="148"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="212"/>
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="212"/>
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="213"/>
        <source>unknown region code (check it)</source>
        <translation>地区码未知（请核对）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="215"/>
        <source>Born %1, %2, %3</source>
        <translation>出生 %1，%2，%3</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="241"/>
        <source>Enter the room number.</source>
        <translation>请填写室号。</translation>
    </message>
</context>
<context>
    <name>Residents</name>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="41"/>
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="42"/>
        <source>female</source>
        <translation>女</translation>
    </message>
</context>
<context>
    <name>ResidentsPage</name>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="213"/>
        <source>Residents</source>
        <translation>居民</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="214"/>
        <location filename="../../stationdesk/ui/pages/residents.py" line="308"/>
        <source>Type in the search box above to find residents.</source>
        <translation>在上方搜索框输入姓名、拼音、证件或电话后几位、地址即可查找居民。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="216"/>
        <source>New resident (Ctrl+N)</source>
        <translation>新居民登记（Ctrl+N）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="228"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="229"/>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="230"/>
        <source>Born</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="231"/>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="232"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="233"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="234"/>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message numerus="yes">
        <location filename="../../stationdesk/ui/pages/residents.py" line="285"/>
        <source>%n match(es)</source>
        <translation>
            <numerusform>找到 %n 人</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../stationdesk/ui/pages/residents.py" line="305"/>
        <source>Seen at the desk lately: %n. Type above to search.</source>
        <translation>
            <numerusform>最近来访 %n 人；在上方输入即可查找居民。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="346"/>
        <source>Registered</source>
        <translation>已登记</translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="355"/>
        <source>Record a visit</source>
        <translation>来访登记</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="359"/>
        <source>Purpose</source>
        <translation>来访事由</translation>
    </message>
</context>
</TS>
