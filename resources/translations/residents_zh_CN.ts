<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddressFields</name>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_fields.py" line="56"/>
        <source>Unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_fields.py" line="58"/>
        <source>Room</source>
        <translation>室</translation>
    </message>
</context>
<context>
    <name>HouseholdDialog</name>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_household.py" line="51"/>
        <source>Household of %1</source>
        <translation>%1的家庭</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_household.py" line="58"/>
        <source>Make head</source>
        <translation>设为户主</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_household.py" line="60"/>
        <source>Split off</source>
        <translation>分户</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_household.py" line="62"/>
        <source>Members</source>
        <translation>家庭成员</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_household.py" line="66"/>
        <source>The former head becomes</source>
        <translation>原户主改为</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_household.py" line="73"/>
        <source>Split: tick (Space) the members who leave; the highlighted one heads the new household at the same address.</source>
        <translation>分户：用空格勾选迁出的成员，当前选中的成员为新户户主，新户地址不变。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_household.py" line="83"/>
        <source>Find a member of the other household</source>
        <translation>查找另一家庭的成员（姓名、拼音、地址）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_household.py" line="89"/>
        <source>Move into</source>
        <translation>迁入该户</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_household.py" line="92"/>
        <source>Move %1 into another household</source>
        <translation>将%1迁入其他家庭</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_household.py" line="98"/>
        <source>Relation to its head</source>
        <translation>与该户户主关系</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="388"/>
        <source>Show the full number</source>
        <translation>显示完整号码</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="391"/>
        <source>e.g. checking identity for a certificate</source>
        <translation>如：开具证明核对身份</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="394"/>
        <source>Showing the full ID number and phone is recorded with your name and reason.</source>
        <translation>显示完整身份证号和电话将记录您的姓名和原因。</translation>
    </message>
</context>
<context>
    <name>ResidentCardView</name>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="60"/>
        <location filename="../../stationdesk/ui/pages/residents.py" line="133"/>
        <source>Pick a resident from the list</source>
        <translation>请从列表中选择居民</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="68"/>
        <source>Show full</source>
        <translation>显示完整</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="78"/>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="79"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="80"/>
        <source>Sex / born</source>
        <translation>性别 / 出生</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="81"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="82"/>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="83"/>
        <source>Ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="84"/>
        <source>Service tags</source>
        <translation>服务标签</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="85"/>
        <source>Sensitive</source>
        <translation>敏感信息</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="87"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="93"/>
        <source>Record visit</source>
        <translation>来访登记</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="112"/>
        <source>Household</source>
        <translation>同户成员</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="113"/>
        <source>Visits</source>
        <translation>来访记录</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="114"/>
        <source>Edits</source>
        <translation>修改记录</translation>
    </message>
</context>
<context>
    <name>ResidentEditDialog</name>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_edit.py" line="51"/>
        <source>Edit %1</source>
        <translation>编辑：%1</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_edit.py" line="61"/>
        <source>%1 (type a new number to change it)</source>
        <translation>%1（输入新号码即修改）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_edit.py" line="68"/>
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_edit.py" line="68"/>
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_edit.py" line="86"/>
        <source>%1 (type a new number to replace it)</source>
        <translation>%1（输入新号码即替换）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_edit.py" line="88"/>
        <source>Mobile, e.g. 13800000000</source>
        <translation>手机号码，如 13800000000</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_edit.py" line="91"/>
        <source>(no address)</source>
        <translation>（无地址）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_edit.py" line="100"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_edit.py" line="107"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_edit.py" line="108"/>
        <source>Document number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_edit.py" line="109"/>
        <source>Ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_edit.py" line="113"/>
        <source>Born</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_edit.py" line="115"/>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_edit.py" line="122"/>
        <source>Name, ID number, sex, birth date and ethnic group are changed by a station head.</source>
        <translation>姓名、证件号码、性别、出生日期和民族须由站长修改。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_edit.py" line="130"/>
        <source>Mobile</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_edit.py" line="131"/>
        <source>Building</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_edit.py" line="132"/>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_edit.py" line="133"/>
        <source>Service tags</source>
        <translation>服务标签</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_edit.py" line="134"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_edit.py" line="225"/>
        <source>Enter the name.</source>
        <translation>请填写姓名。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_edit.py" line="239"/>
        <source>Enter the birth date as 1980-01-31.</source>
        <translation>出生日期请按 1980-01-31 的格式填写。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_edit.py" line="241"/>
        <source>The birth date is in the future.</source>
        <translation>出生日期不能晚于今天。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_edit.py" line="247"/>
        <source>Enter the room number.</source>
        <translation>请填写室号。</translation>
    </message>
</context>
<context>
    <name>ResidentFields</name>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_edit.py" line="285"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_edit.py" line="286"/>
        <source>Reading</source>
        <translation>姓名拼音</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_edit.py" line="287"/>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_edit.py" line="288"/>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_edit.py" line="289"/>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_edit.py" line="290"/>
        <source>Ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_edit.py" line="291"/>
        <source>Mobile</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_edit.py" line="292"/>
        <source>Building</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_edit.py" line="293"/>
        <source>Unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_edit.py" line="294"/>
        <source>Room</source>
        <translation>室号</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_edit.py" line="295"/>
        <source>Relation to head</source>
        <translation>与户主关系</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_edit.py" line="296"/>
        <source>Household</source>
        <translation>所属家庭</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_edit.py" line="297"/>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_edit.py" line="298"/>
        <source>Service tags</source>
        <translation>服务标签</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_edit.py" line="299"/>
        <source>Sensitive tags</source>
        <translation>敏感信息</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_edit.py" line="300"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_edit.py" line="313"/>
        <source>%1: %2 → %3</source>
        <translation>%1：%2 → %3</translation>
    </message>
</context>
<context>
    <name>ResidentHub</name>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_hub.py" line="98"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_hub.py" line="100"/>
        <source>Household</source>
        <translation>家庭</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_hub.py" line="103"/>
        <source>New matter</source>
        <translation>登记事项</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_hub.py" line="106"/>
        <source>Record visit</source>
        <translation>来访登记</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_hub.py" line="108"/>
        <source>Issue certificate</source>
        <translation>开具证明</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_hub.py" line="110"/>
        <source>Refuse (notice)</source>
        <translation>不予出具</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_hub.py" line="113"/>
        <source>Record a wish</source>
        <translation>登记微心愿</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_hub.py" line="124"/>
        <location filename="../../stationdesk/ui/pages/resident_hub.py" line="128"/>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_hub.py" line="124"/>
        <source>Item</source>
        <translation>证明事项</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_hub.py" line="124"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_hub.py" line="124"/>
        <location filename="../../stationdesk/ui/pages/resident_hub.py" line="132"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_hub.py" line="128"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_hub.py" line="128"/>
        <location filename="../../stationdesk/ui/pages/resident_hub.py" line="132"/>
        <source>Due</source>
        <translation>办理期限</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_hub.py" line="132"/>
        <source>Wish</source>
        <translation>微心愿</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_hub.py" line="138"/>
        <source>Certificates and refusals (Enter opens the PDF)</source>
        <translation>证明与不予出具告知（回车打开PDF）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_hub.py" line="139"/>
        <source>Matters (Enter opens on the Matters page)</source>
        <translation>事项（回车在事项页打开）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_hub.py" line="140"/>
        <source>Pending wishes</source>
        <translation>未完成的微心愿</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_hub.py" line="217"/>
        <source>%1 (overdue)</source>
        <translation>%1（已逾期）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_hub.py" line="235"/>
        <source>issued</source>
        <translation>已出具</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_hub.py" line="236"/>
        <source>void</source>
        <translation>已作废</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_hub.py" line="237"/>
        <source>refused</source>
        <translation>不予出具</translation>
    </message>
</context>
<context>
    <name>ResidentIntakeDialog</name>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="92"/>
        <source>Pinyin, e.g. chen yan: needed when a character has no known reading</source>
        <translation>拼音，如 chen yan：姓名中有查不到读音的字时请填写</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="135"/>
        <source>Reading</source>
        <translation>姓名拼音</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="306"/>
        <source>No known reading for %1: type the name&apos;s pinyin so it can be found by it.</source>
        <translation>“%1”查不到读音：请填写姓名拼音，以便按拼音查找。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="61"/>
        <source>Register a resident</source>
        <translation>居民登记</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="73"/>
        <source>Resident ID card</source>
        <translation>居民身份证</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="74"/>
        <source>HK/Macau/Taiwan residence permit</source>
        <translation>港澳台居民居住证</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="75"/>
        <source>Passport</source>
        <translation>护照</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="76"/>
        <source>Other document</source>
        <translation>其他证件</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="83"/>
        <source>18-digit number; 15-digit numbers are upgraded</source>
        <translation>18位号码；15位旧号码将自动升位</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="98"/>
        <source>Mobile, e.g. 13800000000</source>
        <translation>手机号码，如 13800000000</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="100"/>
        <source>(no address)</source>
        <translation>（无地址）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="104"/>
        <source>(automatic)</source>
        <translation>（自动）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="109"/>
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
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="246"/>
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="246"/>
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="247"/>
        <source>unknown region code (check it)</source>
        <translation>地区码未知（请核对）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="249"/>
        <source>Born %1, %2, %3</source>
        <translation>出生 %1，%2，%3</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="275"/>
        <source>Enter the room number.</source>
        <translation>请填写室号。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="196"/>
        <source>Registered address: %1</source>
        <translation>户籍地址：%1</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="279"/>
        <source>This ID number is already registered (%1).</source>
        <translation>该证件号码已登记（%1）。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="125"/>
        <source>Open the registered resident</source>
        <translation>打开已登记的居民</translation>
    </message>
</context>
<context>
    <name>Residents</name>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="44"/>
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="45"/>
        <source>female</source>
        <translation>女</translation>
    </message>
</context>
<context>
    <name>ResidentsPage</name>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="216"/>
        <source>Residents</source>
        <translation>居民</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="217"/>
        <location filename="../../stationdesk/ui/pages/residents.py" line="316"/>
        <source>Type in the search box above to find residents.</source>
        <translation>在上方搜索框输入姓名、拼音、证件或电话后几位、地址即可查找居民。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="220"/>
        <source>New resident (Ctrl+N)</source>
        <translation>新居民登记（Ctrl+N）</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="231"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="232"/>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="233"/>
        <source>Born</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="234"/>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="235"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="236"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="237"/>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message numerus="yes">
        <location filename="../../stationdesk/ui/pages/residents.py" line="293"/>
        <source>%n match(es)</source>
        <translation>
            <numerusform>找到 %n 人</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="390"/>
        <source>Registered</source>
        <translation>已登记</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/residents.py" line="283"/>
        <source>Your role does not look up residents.</source>
        <translation>当前角色不能查询居民，请用工作人员账号登录。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../stationdesk/ui/pages/residents.py" line="313"/>
        <source>Seen at the desk lately: %n. Type above to search.</source>
        <translation>
            <numerusform>最近来访 %n 人；在上方输入即可查找居民。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="410"/>
        <source>Record a visit</source>
        <translation>来访登记</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="428"/>
        <source>Purpose</source>
        <translation>来访事由</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/resident_forms.py" line="425"/>
        <source>Pick a purpose with the arrow keys or type your own.</source>
        <translation>用上下方向键选择来访事由，或直接输入。</translation>
    </message>
</context>
</TS>
