<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../stationdesk/ui/pages/sync.py" line="52"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/sync.py" line="60"/>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/sync.py" line="63"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/sync.py" line="80"/>
        <source>Conflicts to review</source>
        <translation>待处理的冲突</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/sync.py" line="86"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/sync.py" line="87"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/sync.py" line="88"/>
        <source>Kept value</source>
        <translation>保留的值</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/sync.py" line="89"/>
        <source>Other value</source>
        <translation>另一值</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/sync.py" line="90"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/sync.py" line="96"/>
        <source>Keep the kept value</source>
        <translation>保留当前值</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/sync.py" line="99"/>
        <source>Use the other value</source>
        <translation>改用另一值</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/sync.py" line="102"/>
        <source>Mark as reviewed</source>
        <translation>标记为已查看</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/sync.py" line="113"/>
        <source>Only a station head can resolve conflicts.</source>
        <translation>只有站长可以处理冲突。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/sync.py" line="118"/>
        <source>History</source>
        <translation>同步记录</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/sync.py" line="124"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/sync.py" line="125"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/sync.py" line="126"/>
        <source>Pushed</source>
        <translation>上传</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/sync.py" line="127"/>
        <source>Pulled</source>
        <translation>下载</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/sync.py" line="128"/>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/sync.py" line="129"/>
        <source>Message</source>
        <translation>信息</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/sync.py" line="167"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/sync.py" line="168"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/sync.py" line="169"/>
        <source>Please upgrade</source>
        <translation>请升级</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/sync.py" line="170"/>
        <source>Not allowed</source>
        <translation>无权限</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/sync.py" line="171"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/sync.py" line="172"/>
        <source>Not set up</source>
        <translation>未设置</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/sync.py" line="173"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/sync.py" line="177"/>
        <source>Edited here, deleted at the district</source>
        <translation>本站修改了区里已删除的记录</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/sync.py" line="179"/>
        <source>Refused by the district: %1</source>
        <translation>区服务器拒绝：%1</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/sync.py" line="181"/>
        <source>Identity field: please check the person</source>
        <translation>身份字段冲突：请核实本人</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/sync.py" line="182"/>
        <source>Changed at two places; the later change was kept</source>
        <translation>两处同时修改，已保留后到的修改</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/sync.py" line="230"/>
        <source>A sync is already running.</source>
        <translation>同步正在进行中。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/sync.py" line="250"/>
        <location filename="../../stationdesk/ui/pages/sync.py" line="256"/>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/sync.py" line="257"/>
        <source>Uploading</source>
        <translation>正在上传</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/sync.py" line="258"/>
        <source>Downloading</source>
        <translation>正在下载</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/sync.py" line="259"/>
        <source>Downloading all data</source>
        <translation>正在下载全部数据</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/sync.py" line="260"/>
        <source>Uploading attachments</source>
        <translation>正在上传附件</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/sync.py" line="261"/>
        <source>Downloading attachments</source>
        <translation>正在下载附件</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/sync.py" line="278"/>
        <source>Pushed %1, pulled %2, conflicts %3.</source>
        <translation>上传 %1 条，下载 %2 条，冲突 %3 条。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/sync.py" line="285"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/sync.py" line="291"/>
        <source>Sync failed; see the log.</source>
        <translation>同步失败，详情见日志。</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/sync.py" line="295"/>
        <source>Server: %1</source>
        <translation>服务器：%1</translation>
    </message>
    <message>
        <location filename="../../stationdesk/ui/pages/sync.py" line="295"/>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
</context>
</TS>
