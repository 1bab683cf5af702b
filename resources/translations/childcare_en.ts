<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
  <context>
    <name>DuplicatesView</name>
    <message>
      <source>原因</source>
      <translation>Why</translation>
    </message>
    <message>
      <source>县服务器在同步时发现的疑似同一儿童的两份档案：{n} 对待处理。</source>
      <translation>Pairs of files the county server found at sync that may be one child: {n} to judge.</translation>
    </message>
    <message>
      <source>处理</source>
      <translation>To do</translation>
    </message>
    <message>
      <source>已合并，下次同步时送达县里。</source>
      <translation>Merged; it reaches the county at the next sync.</translation>
    </message>
    <message>
      <source>已标为不是同一人，下次同步时送达县里。</source>
      <translation>Marked as different children; it reaches the county at the next sync.</translation>
    </message>
    <message>
      <source>档案A</source>
      <translation>File A</translation>
    </message>
    <message>
      <source>档案B</source>
      <translation>File B</translation>
    </message>
    <message>
      <source>比较…</source>
      <translation>Compare…</translation>
    </message>
    <message>
      <source>比较后合并或标为不是同一人</source>
      <translation>Compare, then merge or mark as different children</translation>
    </message>
    <message>
      <source>没有待处理的疑似重复。同步时县服务器会检查全县的档案。</source>
      <translation>No suspected duplicates to judge. The county server checks the county's files at each sync.</translation>
    </message>
    <message>
      <source>疑似重复</source>
      <translation>Suspected duplicates</translation>
    </message>
    <message>
      <source>跨乡镇：由县级民政处理</source>
      <translation>Across townships: the county decides</translation>
    </message>
    <message>
      <source>这对档案跨乡镇，由县级民政处理。</source>
      <translation>These two files are in different townships: the county decides.</translation>
    </message>
  </context>
  <context>
    <name>RecordDialog</name>
    <message>
      <source>保存</source>
      <translation>Save</translation>
    </message>
    <message>
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>放弃并关闭</source>
      <translation>Discard and close</translation>
    </message>
    <message>
      <source>有尚未保存的内容。</source>
      <translation>There are unsaved changes.</translation>
    </message>
    <message>
      <source>继续编辑</source>
      <translation>Keep editing</translation>
    </message>
  </context>
  <context>
    <name>ReturnDialog</name>
    <message>
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>请写明要改正什么。儿童主任同步后会在工作台上看到这段意见。</source>
      <translation>Say what is to be corrected. The director sees this comment on the workbench after the next sync.</translation>
    </message>
    <message>
      <source>退回</source>
      <translation>Return</translation>
    </message>
    <message>
      <source>退回：{kind}　{name}</source>
      <translation>Return: {kind}, {name}</translation>
    </message>
  </context>
  <context>
    <name>ReviewView</name>
    <message>
      <source>刷新</source>
      <translation>Refresh</translation>
    </message>
    <message>
      <source>审核</source>
      <translation>Review</translation>
    </message>
    <message>
      <source>打开档案</source>
      <translation>Open file</translation>
    </message>
    <message>
      <source>村里新登记的儿童、认定或终止的类别、退出、评估为“差”或红色、签订的委托照护协议（备案），在这里通过或退回。退回时写明要改正什么，儿童主任同步后在工作台上看到。</source>
      <translation>Children newly registered in the villages, categories recognised or ended, exits, assessments rated poor or red, and signed care agreements (to be filed) are approved or returned here. When returning, say what is to be corrected; the director sees it on the workbench after syncing.</translation>
    </message>
    <message>
      <source>退回…</source>
      <translation>Return…</translation>
    </message>
    <message>
      <source>退回选中的事项，并写明要改正什么</source>
      <translation>Return the selected item, saying what is to be corrected</translation>
    </message>
    <message>
      <source>通过</source>
      <translation>Approve</translation>
    </message>
    <message>
      <source>通过选中的事项（可多选）</source>
      <translation>Approve the selected items (several may be selected)</translation>
    </message>
  </context>
  <context>
    <name>RosterView</name>
    <message>
      <source>Ctrl+N</source>
      <translation>Ctrl+N</translation>
    </message>
    <message>
      <source>仅逾期</source>
      <translation>Overdue only</translation>
    </message>
    <message>
      <source>全部</source>
      <translation>All</translation>
    </message>
    <message>
      <source>全部就学情况</source>
      <translation>All school stages</translation>
    </message>
    <message>
      <source>全部类别</source>
      <translation>All categories</translation>
    </message>
    <message>
      <source>全部风险等级</source>
      <translation>All risk colours</translation>
    </message>
    <message>
      <source>在册</source>
      <translation>On roster</translation>
    </message>
    <message>
      <source>姓名、拼音首字母（如 zs）或证件号码　Ctrl+F</source>
      <translation>Name, pinyin initials (e.g. zs) or ID number   Ctrl+F</translation>
    </message>
    <message>
      <source>导入台账…</source>
      <translation>Import ledger…</translation>
    </message>
    <message>
      <source>导入村里原有的台账、花名册或登记表（.xlsx）</source>
      <translation>Import the village's existing ledger, roster or registration form (.xlsx)</translation>
    </message>
    <message>
      <source>打印档案</source>
      <translation>Print file</translation>
    </message>
    <message>
      <source>打开档案</source>
      <translation>Open file</translation>
    </message>
    <message>
      <source>批量打印档案…</source>
      <translation>Print files in batch…</translation>
    </message>
    <message>
      <source>批量打印选中的儿童…</source>
      <translation>Print the chosen children's files…</translation>
    </message>
    <message>
      <source>新建儿童</source>
      <translation>New child</translation>
    </message>
    <message>
      <source>记录走访</source>
      <translation>Log a visit</translation>
    </message>
    <message>
      <source>退出</source>
      <translation>Exited</translation>
    </message>
    <message>
      <source>选中的儿童；未选中时为当前显示的全部儿童</source>
      <translation>The selected children; all children shown if none is selected</translation>
    </message>
  </context>
  <context>
    <name>VillageTable</name>
    <message>
      <source>只看该村事项</source>
      <translation>Only this village's items</translation>
    </message>
    <message>
      <source>打开该村名册</source>
      <translation>Open the village's roster</translation>
    </message>
  </context>
  <context>
    <name>WorkbenchView</name>
    <message>
      <source>为选中事项的儿童登记一次走访或联系</source>
      <translation>Log a visit or contact for the child of the chosen task</translation>
    </message>
    <message>
      <source>仅逾期</source>
      <translation>Overdue only</translation>
    </message>
    <message>
      <source>全部事项</source>
      <translation>All tasks</translation>
    </message>
    <message>
      <source>刷新</source>
      <translation>Refresh</translation>
    </message>
    <message>
      <source>办理此事项</source>
      <translation>Do this task</translation>
    </message>
    <message>
      <source>办理（回车）</source>
      <translation>Do it (Enter)</translation>
    </message>
    <message>
      <source>导入台账…</source>
      <translation>Import ledger…</translation>
    </message>
    <message>
      <source>打印档案</source>
      <translation>Print file</translation>
    </message>
    <message>
      <source>打开档案</source>
      <translation>Open file</translation>
    </message>
    <message>
      <source>新建儿童</source>
      <translation>New child</translation>
    </message>
    <message>
      <source>标记已整改</source>
      <translation>Mark fixed</translation>
    </message>
    <message>
      <source>监护评估</source>
      <translation>Assessment</translation>
    </message>
    <message>
      <source>记录走访</source>
      <translation>Log a visit</translation>
    </message>
  </context>
  <context>
    <name>_FilePage</name>
    <message>
      <source>Excel 文件 (*.xlsx)</source>
      <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
      <source>{rows}，识别出 {mapped} 列（共 {total} 列），约 {count} 行数据。</source>
      <translation>{rows}; {mapped} of {total} columns recognised, about {count} rows of data.</translation>
    </message>
    <message>
      <source>工作表</source>
      <translation>Sheet</translation>
    </message>
    <message>
      <source>找不到这个文件，请检查路径：{path}</source>
      <translation>File not found, please check the path: {path}</translation>
    </message>
    <message>
      <source>支持 Excel 2007 及以上的 .xlsx 文件；旧版 .xls 请先在 Excel 或 WPS 中另存为 .xlsx。</source>
      <translation>Excel 2007 or later .xlsx files; save an old .xls as .xlsx in Excel or WPS first.</translation>
    </message>
    <message>
      <source>表头在第{first}-{last}行</source>
      <translation>Header in rows {first}-{last}</translation>
    </message>
    <message>
      <source>表头在第{first}行</source>
      <translation>Header in row {first}</translation>
    </message>
    <message>
      <source>输入或粘贴文件路径后按回车，或点击“选择文件…”</source>
      <translation>Type or paste the file's path and press Enter, or click "Choose file…"</translation>
    </message>
    <message>
      <source>选择台账文件</source>
      <translation>Choose the ledger file</translation>
    </message>
    <message>
      <source>选择文件…</source>
      <translation>Choose file…</translation>
    </message>
  </context>
  <context>
    <name>_MappingPage</name>
    <message>
      <source>不导入</source>
      <translation>Do not import</translation>
    </message>
    <message>
      <source>不设置类别</source>
      <translation>No category</translation>
    </message>
    <message>
      <source>列</source>
      <translation>Column</translation>
    </message>
    <message>
      <source>台账标题写的是“{label}”：请确认这些儿童都属于此类别。</source>
      <translation>The ledger's title says "{label}": check that every child on it belongs to this category.</translation>
    </message>
    <message>
      <source>导入为</source>
      <translation>Import as</translation>
    </message>
    <message>
      <source>核对列对照</source>
      <translation>Check the column mapping</translation>
    </message>
    <message>
      <source>没有填写儿童类别的行记为</source>
      <translation>Rows with no category become</translation>
    </message>
    <message>
      <source>示例</source>
      <translation>Example</translation>
    </message>
    <message>
      <source>表头</source>
      <translation>Header</translation>
    </message>
    <message>
      <source>请核对每一列导入到哪一项；不需要的列选“不导入”。</source>
      <translation>Check where each column goes; choose "Do not import" for columns you do not need.</translation>
    </message>
  </context>
  <context>
    <name>_RunPage</name>
    <message>
      <source>保存报告…</source>
      <translation>Save report…</translation>
    </message>
    <message>
      <source>原因或提示</source>
      <translation>Reason or note</translation>
    </message>
    <message>
      <source>取消导入</source>
      <translation>Cancel import</translation>
    </message>
    <message>
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>导入</source>
      <translation>Import</translation>
    </message>
    <message>
      <source>导入在一个事务中完成：中途取消或出错，不会留下一半。</source>
      <translation>The import is one transaction: a cancel or an error leaves nothing half imported.</translation>
    </message>
    <message>
      <source>正在导入…</source>
      <translation>Importing…</translation>
    </message>
    <message>
      <source>正在逐行检查…</source>
      <translation>Checking row by row…</translation>
    </message>
    <message>
      <source>结果</source>
      <translation>Outcome</translation>
    </message>
    <message>
      <source>行号</source>
      <translation>Row</translation>
    </message>
    <message>
      <source>试导入（不保存）</source>
      <translation>Trial import (nothing saved)</translation>
    </message>
    <message>
      <source>逐行检查，结果与正式导入相同，但不保存任何内容。</source>
      <translation>Every row is checked as the import would, but nothing is saved.</translation>
    </message>
  </context>
  <context>
    <name>backup</name>
    <message>
      <source>{n} 天前</source>
      <translation>{n} days ago</translation>
    </message>
    <message>
      <source>{place}：备份失败（{reason}），档案库未受影响</source>
      <translation>{place}: backup failed ({reason}); the store is untouched</translation>
    </message>
    <message>
      <source>{place}：已备份并验证</source>
      <translation>{place}: written and verified</translation>
    </message>
    <message>
      <source>{place}：未设置</source>
      <translation>{place}: not set</translation>
    </message>
    <message>
      <source>{place}：未连接（U 盘或移动硬盘未插入），已跳过</source>
      <translation>{place}: not connected (USB stick or disk not plugged in), skipped</translation>
    </message>
    <message>
      <source>上次备份</source>
      <translation>Last backup</translation>
    </message>
    <message>
      <source>不用第二位置</source>
      <translation>No second place</translation>
    </message>
    <message>
      <source>今天</source>
      <translation>today</translation>
    </message>
    <message>
      <source>从未</source>
      <translation>never</translation>
    </message>
    <message>
      <source>位置</source>
      <translation>Place</translation>
    </message>
    <message>
      <source>共 {n} 个备份，{bad} 个已损坏。选中一个完好的备份，点“恢复所选备份…”。</source>
      <translation>{n} backups, {bad} damaged. Choose a good one and click "Restore the chosen backup…".</translation>
    </message>
    <message>
      <source>关闭软件时和每天一次，自动把加密的备份写到档案库所在文件夹和第二备份位置（另一块硬盘或 U 盘；未插入时跳过）。保留最近 7 天、4 周、6 个月的备份，每个备份写完都会检查。</source>
      <translation>On closing the program and once a day, an encrypted backup is written to the store's folder and to a second place (another disk or a USB stick; skipped when not plugged in). The last 7 days, 4 weeks and 6 months are kept; each backup is checked after writing.</translation>
    </message>
    <message>
      <source>备份列表</source>
      <translation>Backups</translation>
    </message>
    <message>
      <source>备份列表与恢复…</source>
      <translation>Backups and restore…</translation>
    </message>
    <message>
      <source>备份时间</source>
      <translation>Taken</translation>
    </message>
    <message>
      <source>大小</source>
      <translation>Size</translation>
    </message>
    <message>
      <source>完好</source>
      <translation>good</translation>
    </message>
    <message>
      <source>已损坏，不能用于恢复</source>
      <translation>damaged, cannot be restored</translation>
    </message>
    <message>
      <source>恢复所选备份…</source>
      <translation>Restore the chosen backup…</translation>
    </message>
    <message>
      <source>无法写入该位置（只读、无权限或已拔出）</source>
      <translation>cannot write there (read-only, no permission, or unplugged)</translation>
    </message>
    <message>
      <source>未设置：插上 U 盘或移动硬盘后点“选择…”</source>
      <translation>Not set: plug in a USB stick or disk, then click "Choose…"</translation>
    </message>
    <message>
      <source>档案库所在文件夹</source>
      <translation>Store's folder</translation>
    </message>
    <message>
      <source>档案库所在文件夹：{store}；第二备份位置：{second}</source>
      <translation>Store's folder: {store}; second place: {second}</translation>
    </message>
    <message>
      <source>检查结果</source>
      <translation>Check</translation>
    </message>
    <message>
      <source>正在停止备份（已写完的备份保留）…</source>
      <translation>Stopping the backup (backups already written are kept)…</translation>
    </message>
    <message>
      <source>正在检查各个备份，请稍候…</source>
      <translation>Checking each backup, please wait…</translation>
    </message>
    <message>
      <source>正在自动备份…</source>
      <translation>Backing up…</translation>
    </message>
    <message>
      <source>正在自动备份，完成后关闭…</source>
      <translation>Backing up; the program closes when done…</translation>
    </message>
    <message>
      <source>用更换前的旧口令打开（未能检查）</source>
      <translation>opens with the passphrase from before it was changed (not checked)</translation>
    </message>
    <message>
      <source>磁盘已满，或 U 盘已被拔出</source>
      <translation>the disk is full, or the USB stick was pulled out</translation>
    </message>
    <message>
      <source>示范档案库（虚构数据）不做自动备份。</source>
      <translation>The demo store (invented data) is not backed up.</translation>
    </message>
    <message>
      <source>立即自动备份</source>
      <translation>Back up now</translation>
    </message>
    <message>
      <source>第二备份位置</source>
      <translation>Second place</translation>
    </message>
    <message>
      <source>第二备份位置已设为 {path}。下次自动备份会写到这里。</source>
      <translation>The second place is now {path}. The next automatic backup goes there.</translation>
    </message>
    <message>
      <source>第二备份位置（{path}）上次备份在 {n} 天前：请插上该 U 盘或移动硬盘，软件会自动备份（或在设置中点“立即自动备份”）。</source>
      <translation>The last backup on the second place ({path}) was {n} days ago: plug in that USB stick or disk and the program backs up by itself (or click "Back up now" in Settings).</translation>
    </message>
    <message>
      <source>第二备份位置（{path}）还没有备份：请插上该 U 盘或移动硬盘。</source>
      <translation>No backup on the second place ({path}) yet: plug in that USB stick or disk.</translation>
    </message>
    <message>
      <source>自动备份</source>
      <translation>Automatic backups</translation>
    </message>
    <message>
      <source>自动备份 {time}：</source>
      <translation>Backup {time}: </translation>
    </message>
    <message>
      <source>自动备份未完成：{reason}</source>
      <translation>The automatic backup did not finish: {reason}</translation>
    </message>
    <message>
      <source>设置自动备份…</source>
      <translation>Set up backups…</translation>
    </message>
    <message>
      <source>跳过</source>
      <translation>Skip</translation>
    </message>
    <message>
      <source>还没有自动备份。关闭软件时、以及每天一次会自动备份。</source>
      <translation>No automatic backups yet. One is made on closing the program and once a day.</translation>
    </message>
    <message>
      <source>还没有设置第二备份位置：电脑硬盘损坏时，档案会全部丢失。请插上 U 盘或移动硬盘，设为第二备份位置。</source>
      <translation>No second backup place is set: if this computer's disk fails, every file is lost. Plug in a USB stick or disk and make it the second place.</translation>
    </message>
    <message>
      <source>选择…</source>
      <translation>Choose…</translation>
    </message>
    <message>
      <source>选择第二备份位置（U 盘或另一块硬盘）</source>
      <translation>Choose the second backup place (USB stick or another disk)</translation>
    </message>
  </context>
  <context>
    <name>batch</name>
    <message>
      <source>%v / %m 名</source>
      <translation>%v / %m children</translation>
    </message>
    <message>
      <source>{village}（{n} 名）</source>
      <translation>{village} ({n} children)</translation>
    </message>
    <message>
      <source>保存到</source>
      <translation>Save to</translation>
    </message>
    <message>
      <source>保存在：{path}</source>
      <translation>Saved in: {path}</translation>
    </message>
    <message>
      <source>儿童档案</source>
      <translation>Child's file</translation>
    </message>
    <message>
      <source>全部村</source>
      <translation>All villages</translation>
    </message>
    <message>
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>另存为PDF</source>
      <translation>Save as PDF</translation>
    </message>
    <message>
      <source>另有 {n} 名儿童没有这种文书，已跳过。</source>
      <translation> {n} children have no such document and were skipped.</translation>
    </message>
    <message>
      <source>合并为一个 PDF</source>
      <translation>One merged PDF</translation>
    </message>
    <message>
      <source>名册中选中的 {n} 名儿童</source>
      <translation>The {n} children chosen in the roster</translation>
    </message>
    <message>
      <source>名册中选中的儿童（在儿童名册中选中后点“批量打印档案…”）</source>
      <translation>The children chosen in the roster (choose them there, then click “Print files in batch…”)</translation>
    </message>
    <message>
      <source>委托照护协议书（一式三份）</source>
      <translation>Entrusted-care agreement (three copies)</translation>
    </message>
    <message>
      <source>已取消：已输出 {n} 个文件，其余未输出。</source>
      <translation>Cancelled: {n} files written, the rest not.</translation>
    </message>
    <message>
      <source>已打印 {n} 名儿童，共 {files} 个文件。</source>
      <translation>Printed for {n} children, {files} files.</translation>
    </message>
    <message>
      <source>开始打印</source>
      <translation>Start printing</translation>
    </message>
    <message>
      <source>打印范围</source>
      <translation>Whom to print for</translation>
    </message>
    <message>
      <source>打开文件夹</source>
      <translation>Open folder</translation>
    </message>
    <message>
      <source>批量打印</source>
      <translation>Batch printing</translation>
    </message>
    <message>
      <source>按村（勾选一个或多个村的全部在册儿童）</source>
      <translation>By village (every child on the roll of the villages ticked)</translation>
    </message>
    <message>
      <source>文书</source>
      <translation>Document</translation>
    </message>
    <message>
      <source>显示完整证件号码（默认遮盖中间数字）</source>
      <translation>Show full ID numbers (the middle digits are masked by default)</translation>
    </message>
    <message>
      <source>正在取消，当前这名儿童完成后停止…</source>
      <translation>Cancelling: stopping once the current child is done…</translation>
    </message>
    <message>
      <source>正在打印…</source>
      <translation>Printing…</translation>
    </message>
    <message>
      <source>每名儿童一个 PDF</source>
      <translation>One PDF per child</translation>
    </message>
    <message>
      <source>请先选择村和保存位置。</source>
      <translation>Choose the villages and where to save first.</translation>
    </message>
    <message>
      <source>走访记录表（填入最近一次走访）</source>
      <translation>Visit sheet (filled from the latest visit)</translation>
    </message>
    <message>
      <source>走访记录表（空白，预填姓名）</source>
      <translation>Visit sheet (blank, name filled in)</translation>
    </message>
    <message>
      <source>输出</source>
      <translation>Output</translation>
    </message>
    <message>
      <source>选择…</source>
      <translation>Choose…</translation>
    </message>
    <message>
      <source>选择输出文件夹</source>
      <translation>Choose the output folder</translation>
    </message>
  </context>
  <context>
    <name>bundle</name>
    <message>
      <source>U盘同步（没有网络时）</source>
      <translation>USB stick sync (without a network)</translation>
    </message>
    <message>
      <source>U盘或文件夹</source>
      <translation>USB stick or folder</translation>
    </message>
    <message>
      <source>县服务器拒收：{why}</source>
      <translation>The county server refused it: {why}</translation>
    </message>
    <message>
      <source>县服务器还有更多数据，请再导出一个同步包</source>
      <translation>The county server holds more: export another bundle</translation>
    </message>
    <message>
      <source>另有 {n} 个回执不是本机的（或已损坏），未读入</source>
      <translation>{n} more replies are not this laptop's (or are damaged): not read</translation>
    </message>
    <message>
      <source>同步包无法读取</source>
      <translation>The bundle cannot be read</translation>
    </message>
    <message>
      <source>回执都已读过，没有改动</source>
      <translation>Every reply was read already: nothing changed</translation>
    </message>
    <message>
      <source>导出同步包</source>
      <translation>Export bundle</translation>
    </message>
    <message>
      <source>已写出 {name}：请带到能上网的电脑转送，再把回执带回读入。</source>
      <translation>Written {name}: take it to a computer with a network to relay, then bring the reply back and read it.</translation>
    </message>
    <message>
      <source>已取消</source>
      <translation>Cancelled</translation>
    </message>
    <message>
      <source>已读入 {n} 个回执：确认 {acked} 项修改，收到 {pulled} 项</source>
      <translation>Read {n} replies: {acked} changes confirmed, {pulled} received</translation>
    </message>
    <message>
      <source>已转送 {n} 个同步包，回执已写在旁边</source>
      <translation>Relayed {n} bundles; the replies are written beside them</translation>
    </message>
    <message>
      <source>把修改写到U盘，带到能上网的电脑（如乡镇办公室）转送县服务器；回执带回后在本机读入。U盘上的文件已加密，看不到任何儿童信息。</source>
      <translation>Write the changes to a USB stick and take it to a computer with a network (the township office) to relay to the county server; bring the reply back and read it here. The files on the stick are encrypted: no child's information can be seen in them.</translation>
    </message>
    <message>
      <source>文件夹里没有同步包</source>
      <translation>No bundle in the folder</translation>
    </message>
    <message>
      <source>文件夹里没有本机的回执</source>
      <translation>No reply for this laptop in the folder</translation>
    </message>
    <message>
      <source>无法读写U盘或文件夹（已满、只读或已拔出？）：{why}</source>
      <translation>Cannot read or write the stick or folder (full, read-only or removed?): {why}</translation>
    </message>
    <message>
      <source>正在处理…</source>
      <translation>Working…</translation>
    </message>
    <message>
      <source>请先插入U盘，或选择一个文件夹</source>
      <translation>Insert a USB stick, or choose a folder, first</translation>
    </message>
    <message>
      <source>读入回执</source>
      <translation>Read replies</translation>
    </message>
    <message>
      <source>转送同步包（本机联网时）</source>
      <translation>Relay bundles (when this computer is online)</translation>
    </message>
    <message>
      <source>选择U盘或文件夹</source>
      <translation>Choose a USB stick or folder</translation>
    </message>
    <message>
      <source>选择…</source>
      <translation>Choose…</translation>
    </message>
    <message>
      <source>；{n} 个已有回执，跳过</source>
      <translation>; {n} already had replies, skipped</translation>
    </message>
    <message>
      <source>；{n} 个未送达（连不上县服务器？稍后再试）</source>
      <translation>; {n} not delivered (county server unreachable? try later)</translation>
    </message>
  </context>
  <context>
    <name>bundle_errors</name>
    <message>
      <source>同步包中的密钥无法读取，文件可能已损坏</source>
      <translation>A key in the bundle cannot be read: the file may be damaged</translation>
    </message>
    <message>
      <source>回执的签名不对：文件被改动过，或不是本县服务器发出的，已拒绝</source>
      <translation>The reply's signature is wrong: the file was altered, or did not come from this county's server; refused</translation>
    </message>
    <message>
      <source>文件太大或内容被截断，不是完整的同步包</source>
      <translation>The file is too large or cut short: not a whole bundle</translation>
    </message>
    <message>
      <source>这个回执不是给本档案库的（可能是别的笔记本的），或文件已损坏</source>
      <translation>This reply is not for this store (perhaps another laptop's), or the file is damaged</translation>
    </message>
    <message>
      <source>这个文件不是同步包（或是其他版本软件的）</source>
      <translation>This file is not a sync bundle (or is from another version of the app)</translation>
    </message>
    <message>
      <source>这是本机导出的同步包，不是县服务器的回执：请先用能上网的电脑转送</source>
      <translation>This is a bundle this laptop wrote, not the server's reply: relay it from a computer with a network first</translation>
    </message>
  </context>
  <context>
    <name>clues</name>
    <message>
      <source>仅未结案</source>
      <translation>Open only</translation>
    </message>
    <message>
      <source>共 {n} 条，其中 {open} 条待处理（当日处理；涉及人身安全的立即处理）。</source>
      <translation>{n} clues, {open} waiting (handle the same day; at once when a child's safety is at stake).</translation>
    </message>
    <message>
      <source>安排走访</source>
      <translation>Visit</translation>
    </message>
    <message>
      <source>没有待办的线索。接到热线、学校或村民反映时，点击“登记线索”。</source>
      <translation>No clues waiting. When a hotline, the school or a villager reports something, click "Register clue".</translation>
    </message>
    <message>
      <source>登记线索</source>
      <translation>Register clue</translation>
    </message>
    <message>
      <source>线索登记</source>
      <translation>Clues</translation>
    </message>
    <message>
      <source>结案</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>记为备注</source>
      <translation>Note</translation>
    </message>
    <message>
      <source>转为强制报告</source>
      <translation>Mandatory report</translation>
    </message>
  </context>
  <context>
    <name>columns</name>
    <message>
      <source>与儿童关系</source>
      <translation>Relation to the child</translation>
    </message>
    <message>
      <source>乙方</source>
      <translation>Party B</translation>
    </message>
    <message>
      <source>书面报告日期</source>
      <translation>Reported in writing on</translation>
    </message>
    <message>
      <source>事项</source>
      <translation>Task</translation>
    </message>
    <message>
      <source>人身安全</source>
      <translation>Safety</translation>
    </message>
    <message>
      <source>依据</source>
      <translation>Basis</translation>
    </message>
    <message>
      <source>健康状况</source>
      <translation>Health</translation>
    </message>
    <message>
      <source>儿童</source>
      <translation>Child</translation>
    </message>
    <message>
      <source>儿童数</source>
      <translation>Children</translation>
    </message>
    <message>
      <source>关系</source>
      <translation>Relation</translation>
    </message>
    <message>
      <source>出生日期</source>
      <translation>Date of birth</translation>
    </message>
    <message>
      <source>制定日期</source>
      <translation>Written on</translation>
    </message>
    <message>
      <source>劝返人</source>
      <translation>Persuaded by</translation>
    </message>
    <message>
      <source>劝返日期</source>
      <translation>Date</translation>
    </message>
    <message>
      <source>劝返次数</source>
      <translation>Attempts</translation>
    </message>
    <message>
      <source>务工地点</source>
      <translation>Place of work</translation>
    </message>
    <message>
      <source>原因</source>
      <translation>Reason</translation>
    </message>
    <message>
      <source>反映内容</source>
      <translation>Reported</translation>
    </message>
    <message>
      <source>发现日期</source>
      <translation>Found on</translation>
    </message>
    <message>
      <source>发现时间</source>
      <translation>Discovered at</translation>
    </message>
    <message>
      <source>发现问题</source>
      <translation>Problems found</translation>
    </message>
    <message>
      <source>变化情况</source>
      <translation>What changed</translation>
    </message>
    <message>
      <source>同住</source>
      <translation>Lives with child</translation>
    </message>
    <message>
      <source>告知内容</source>
      <translation>What was told</translation>
    </message>
    <message>
      <source>告知日期</source>
      <translation>Date told</translation>
    </message>
    <message>
      <source>周期</source>
      <translation>Period</translation>
    </message>
    <message>
      <source>回执号</source>
      <translation>Receipt no.</translation>
    </message>
    <message>
      <source>处理</source>
      <translation>Handled by</translation>
    </message>
    <message>
      <source>处理措施</source>
      <translation>Actions taken</translation>
    </message>
    <message>
      <source>复核日期</source>
      <translation>Review by</translation>
    </message>
    <message>
      <source>外出务工</source>
      <translation>Away for work</translation>
    </message>
    <message>
      <source>大小（KB）</source>
      <translation>Size (KB)</translation>
    </message>
    <message>
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>季度</source>
      <translation>Quarter</translation>
    </message>
    <message>
      <source>学校</source>
      <translation>School</translation>
    </message>
    <message>
      <source>学校接收人</source>
      <translation>Told at the school</translation>
    </message>
    <message>
      <source>完成日期</source>
      <translation>Done on</translation>
    </message>
    <message>
      <source>完成时限</source>
      <translation>Target date</translation>
    </message>
    <message>
      <source>家庭情况变化</source>
      <translation>Changes in the family</translation>
    </message>
    <message>
      <source>就学</source>
      <translation>School</translation>
    </message>
    <message>
      <source>帮扶人</source>
      <translation>Helper</translation>
    </message>
    <message>
      <source>帮扶内容</source>
      <translation>What was done</translation>
    </message>
    <message>
      <source>年级</source>
      <translation>Grade</translation>
    </message>
    <message>
      <source>年龄</source>
      <translation>Age</translation>
    </message>
    <message>
      <source>应办日期</source>
      <translation>Due</translation>
    </message>
    <message>
      <source>开始</source>
      <translation>Start</translation>
    </message>
    <message>
      <source>待审核</source>
      <translation>Awaiting review</translation>
    </message>
    <message>
      <source>待遇</source>
      <translation>Benefits</translation>
    </message>
    <message>
      <source>待遇说明</source>
      <translation>Benefits note</translation>
    </message>
    <message>
      <source>性别</source>
      <translation>Sex</translation>
    </message>
    <message>
      <source>情况</source>
      <translation>Notes</translation>
    </message>
    <message>
      <source>情形</source>
      <translation>Situations</translation>
    </message>
    <message>
      <source>所做工作</source>
      <translation>What was done</translation>
    </message>
    <message>
      <source>报告时间</source>
      <translation>Reported at</translation>
    </message>
    <message>
      <source>报告至</source>
      <translation>Reported to</translation>
    </message>
    <message>
      <source>按年龄截止</source>
      <translation>Ends by age on</translation>
    </message>
    <message>
      <source>接收时间</source>
      <translation>Received</translation>
    </message>
    <message>
      <source>提供单位</source>
      <translation>Provided by</translation>
    </message>
    <message>
      <source>操作</source>
      <translation>Action</translation>
    </message>
    <message>
      <source>操作人</source>
      <translation>By</translation>
    </message>
    <message>
      <source>文件名</source>
      <translation>File name</translation>
    </message>
    <message>
      <source>方式</source>
      <translation>Mode</translation>
    </message>
    <message>
      <source>日期</source>
      <translation>Date</translation>
    </message>
    <message>
      <source>时间</source>
      <translation>Time</translation>
    </message>
    <message>
      <source>时限</source>
      <translation>Deadline</translation>
    </message>
    <message>
      <source>是否在世</source>
      <translation>Alive</translation>
    </message>
    <message>
      <source>是否按时</source>
      <translation>On time?</translation>
    </message>
    <message>
      <source>更正</source>
      <translation>Correct</translation>
    </message>
    <message>
      <source>最近同步</source>
      <translation>Last sync</translation>
    </message>
    <message>
      <source>最近联系</source>
      <translation>Latest contact</translation>
    </message>
    <message>
      <source>最近走访</source>
      <translation>Last visit</translation>
    </message>
    <message>
      <source>服务措施</source>
      <translation>Measures</translation>
    </message>
    <message>
      <source>服务频次</source>
      <translation>How often</translation>
    </message>
    <message>
      <source>村</source>
      <translation>Village</translation>
    </message>
    <message>
      <source>来源</source>
      <translation>Source</translation>
    </message>
    <message>
      <source>核实人</source>
      <translation>Verified by</translation>
    </message>
    <message>
      <source>核实日期</source>
      <translation>Verified on</translation>
    </message>
    <message>
      <source>档案编号</source>
      <translation>File no.</translation>
    </message>
    <message>
      <source>涉及儿童</source>
      <translation>Child</translation>
    </message>
    <message>
      <source>状态</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>甲方</source>
      <translation>Party A</translation>
    </message>
    <message>
      <source>电话</source>
      <translation>Phone</translation>
    </message>
    <message>
      <source>监护情况</source>
      <translation>Guardianship</translation>
    </message>
    <message>
      <source>监护能力</source>
      <translation>Able to care</translation>
    </message>
    <message>
      <source>签订日期</source>
      <translation>Signed on</translation>
    </message>
    <message>
      <source>类别</source>
      <translation>Category</translation>
    </message>
    <message>
      <source>类型</source>
      <translation>Type</translation>
    </message>
    <message>
      <source>红</source>
      <translation>Red</translation>
    </message>
    <message>
      <source>结对日期</source>
      <translation>Paired since</translation>
    </message>
    <message>
      <source>结束</source>
      <translation>End</translation>
    </message>
    <message>
      <source>结束原因</source>
      <translation>Reason ended</translation>
    </message>
    <message>
      <source>结束日期</source>
      <translation>End date</translation>
    </message>
    <message>
      <source>结果</source>
      <translation>Outcome</translation>
    </message>
    <message>
      <source>结案日期</source>
      <translation>Closed on</translation>
    </message>
    <message>
      <source>联系日期</source>
      <translation>Contact date</translation>
    </message>
    <message>
      <source>联系次数</source>
      <translation>Contacts</translation>
    </message>
    <message>
      <source>联系电话</source>
      <translation>Phone</translation>
    </message>
    <message>
      <source>见到儿童</source>
      <translation>Child seen</translation>
    </message>
    <message>
      <source>解决情况</source>
      <translation>How it was solved</translation>
    </message>
    <message>
      <source>计划周</source>
      <translation>Planned week</translation>
    </message>
    <message>
      <source>认定日期</source>
      <translation>Recognised on</translation>
    </message>
    <message>
      <source>证件号码</source>
      <translation>ID number</translation>
    </message>
    <message>
      <source>评估人</source>
      <translation>Assessor</translation>
    </message>
    <message>
      <source>说明</source>
      <translation>Note</translation>
    </message>
    <message>
      <source>责任人</source>
      <translation>Responsible</translation>
    </message>
    <message>
      <source>责任人（单位）</source>
      <translation>Who acts</translation>
    </message>
    <message>
      <source>费用</source>
      <translation>Fee</translation>
    </message>
    <message>
      <source>走访人</source>
      <translation>Visited by</translation>
    </message>
    <message>
      <source>跟进</source>
      <translation>Follow-up</translation>
    </message>
    <message>
      <source>跟进次数</source>
      <translation>Steps</translation>
    </message>
    <message>
      <source>身份</source>
      <translation>Who</translation>
    </message>
    <message>
      <source>辍学日期</source>
      <translation>Left school on</translation>
    </message>
    <message>
      <source>退出原因</source>
      <translation>Reason</translation>
    </message>
    <message>
      <source>退出日期</source>
      <translation>Exit date</translation>
    </message>
    <message>
      <source>逾期</source>
      <translation>Overdue</translation>
    </message>
    <message>
      <source>逾期事项</source>
      <translation>Overdue items</translation>
    </message>
    <message>
      <source>金额（元）</source>
      <translation>Amount (yuan)</translation>
    </message>
    <message>
      <source>问题</source>
      <translation>Problem</translation>
    </message>
    <message>
      <source>阶段</source>
      <translation>Stage</translation>
    </message>
    <message>
      <source>项目</source>
      <translation>Item</translation>
    </message>
    <message>
      <source>风险</source>
      <translation>Risk</translation>
    </message>
    <message>
      <source>风险等级</source>
      <translation>Risk colour</translation>
    </message>
    <message>
      <source>黄</source>
      <translation>Yellow</translation>
    </message>
  </context>
  <context>
    <name>dialogs</name>
    <message>
      <source>12355、12349热线，学校、邻居或公安转来的线索都在此登记，当日处理；涉及儿童人身安全的，立即处理。</source>
      <translation>Register here every clue from the 12355 and 12349 hotlines, the school, neighbours or the police; handle it the same day, at once when a child's safety is at stake.</translation>
    </message>
    <message>
      <source>下次入户 {day} 前</source>
      <translation>next home visit by {day}</translation>
    </message>
    <message>
      <source>下次联系 {day} 前</source>
      <translation>next contact by {day}</translation>
    </message>
    <message>
      <source>保存后：</source>
      <translation>After saving: </translation>
    </message>
    <message>
      <source>修改季度核实</source>
      <translation>Edit quarterly verification</translation>
    </message>
    <message>
      <source>修改家庭成员</source>
      <translation>Family member edited</translation>
    </message>
    <message>
      <source>修改问题</source>
      <translation>Edit the problem</translation>
    </message>
    <message>
      <source>修订服务计划</source>
      <translation>Revise the service plan</translation>
    </message>
    <message>
      <source>制定服务计划</source>
      <translation>Write a service plan</translation>
    </message>
    <message>
      <source>劝返</source>
      <translation>Persuade back to school</translation>
    </message>
    <message>
      <source>办理退出</source>
      <translation>Exit</translation>
    </message>
    <message>
      <source>原记录保留不变，更正作为新的记录附后。</source>
      <translation>The original record stays unchanged; the correction is added after it.</translation>
    </message>
    <message>
      <source>发现儿童遭受或疑似遭受侵害，应立即向公安机关报告。本记录保密，不出现在名册和统计明细中；报告人信息予以保密。</source>
      <translation>Report at once to the police any harm or suspected harm to a child. This record is confidential: it never appears on rosters or in statistics, and the reporter's identity is protected.</translation>
    </message>
    <message>
      <source>发现日期：{day}</source>
      <translation>Found on {day}</translation>
    </message>
    <message>
      <source>受委托照护人</source>
      <translation>Entrusted carer</translation>
    </message>
    <message>
      <source>告知学校儿童的情况，以及父母的务工地点和联系方式。</source>
      <translation>Tell the school of the child's situation, and of the parents' work place and contact.</translation>
    </message>
    <message>
      <source>填写身份证号码后，出生日期和性别自动带出。</source>
      <translation>Type the ID number and the date of birth and sex are filled in.</translation>
    </message>
    <message>
      <source>如：非本村儿童已转告所在村；经电话核实无需走访。</source>
      <translation>E.g. not a child of this village, passed to the child's village; checked by phone, no visit needed.</translation>
    </message>
    <message>
      <source>季度核实</source>
      <translation>Quarterly verification</translation>
    </message>
    <message>
      <source>家庭成员</source>
      <translation>Family</translation>
    </message>
    <message>
      <source>已保存走访记录（{name}，{day}）</source>
      <translation>Visit saved ({name}, {day})</translation>
    </message>
    <message>
      <source>已保存：{title}</source>
      <translation>Saved: {title}</translation>
    </message>
    <message>
      <source>已建立儿童档案（{name}）</source>
      <translation>File opened for {name}</translation>
    </message>
    <message>
      <source>已登记线索（{day}）</source>
      <translation>Clue registered ({day})</translation>
    </message>
    <message>
      <source>帮扶人：{name}　结对日期：{since}</source>
      <translation>Helper: {name}　Paired since: {since}</translation>
    </message>
    <message>
      <source>强制报告和走访记在儿童档案中。线索所述：{about}（未建档的请先新建儿童档案）</source>
      <translation>Reports and visits are kept in a child's file. The clue says: {about} (register a child not yet on file first)</translation>
    </message>
    <message>
      <source>强制报告（保密）</source>
      <translation>Mandatory report (confidential)</translation>
    </message>
    <message>
      <source>当前应办：{due}</source>
      <translation>Due now: {due}</translation>
    </message>
    <message>
      <source>报告后续跟进</source>
      <translation>Report follow-up</translation>
    </message>
    <message>
      <source>按县级默认服务计划（{colour}色）预填，可按儿童情况修改。</source>
      <translation>Filled in from the county's default plan for {colour}; adapt it to the child.</translation>
    </message>
    <message>
      <source>按当前服务计划预填（{colour}色），请按评估结果修订。</source>
      <translation>Filled in from the current plan ({colour}); revise it after the assessment.</translation>
    </message>
    <message>
      <source>按监护情况建议：{colour}</source>
      <translation>Suggested by the guardianship level: {colour}</translation>
    </message>
    <message>
      <source>救助帮扶</source>
      <translation>Assistance</translation>
    </message>
    <message>
      <source>新增结对</source>
      <translation>New pairing</translation>
    </message>
    <message>
      <source>新增问题</source>
      <translation>New problem</translation>
    </message>
    <message>
      <source>新建儿童档案</source>
      <translation>New child file</translation>
    </message>
    <message>
      <source>更正走访记录</source>
      <translation>Correct a visit record</translation>
    </message>
    <message>
      <source>有 {count} 处需要修改，见各项下方的红字。</source>
      <translation>{count} fields need correcting: see the red text under each.</translation>
    </message>
    <message>
      <source>本乡镇区划代码为 {code}：所在村填以它开头的12位村级区划代码。</source>
      <translation>This township's code is {code}: give the child's village as a 12-digit village code starting with it.</translation>
    </message>
    <message>
      <source>核实{name}的家庭情况，核实后向乡镇报告。</source>
      <translation>Verify the family situation of {name}, then report to the township.</translation>
    </message>
    <message>
      <source>核实线索：{content}</source>
      <translation>Checking the clue: {content}</translation>
    </message>
    <message>
      <source>照护人须具有完全民事行为能力，且无《未成年人保护法》第二十二条所列不得委托的情形。</source>
      <translation>The carer must have full civil capacity and none of the disqualifications of Article 22 of the Minors Protection Law.</translation>
    </message>
    <message>
      <source>登记线索</source>
      <translation>Register clue</translation>
    </message>
    <message>
      <source>监护情况评估</source>
      <translation>Guardianship assessment</translation>
    </message>
    <message>
      <source>签订后协议不可修改；如需变更，请起草新协议，旧协议自动替代。</source>
      <translation>A signed agreement cannot be changed; draft a new one and it supersedes the old one.</translation>
    </message>
    <message>
      <source>签订委托照护协议</source>
      <translation>Sign the entrusted-care agreement</translation>
    </message>
    <message>
      <source>类别退出</source>
      <translation>End a category</translation>
    </message>
    <message>
      <source>线索结案</source>
      <translation>Close the clue</translation>
    </message>
    <message>
      <source>终止协议</source>
      <translation>End the agreement</translation>
    </message>
    <message>
      <source>结束结对</source>
      <translation>End pairing</translation>
    </message>
    <message>
      <source>结案</source>
      <translation>Close the problem</translation>
    </message>
    <message>
      <source>认定儿童类别</source>
      <translation>Recognise a category</translation>
    </message>
    <message>
      <source>记一步</source>
      <translation>Record a step</translation>
    </message>
    <message>
      <source>记为备注</source>
      <translation>Note the clue</translation>
    </message>
    <message>
      <source>记告知学校</source>
      <translation>Record school notice</translation>
    </message>
    <message>
      <source>记录走访 — {name}</source>
      <translation>Log a visit — {name}</translation>
    </message>
    <message>
      <source>记录辍学</source>
      <translation>Record a dropout</translation>
    </message>
    <message>
      <source>记联系</source>
      <translation>Log contact</translation>
    </message>
    <message>
      <source>评估 {day}</source>
      <translation>Assessment {day}</translation>
    </message>
    <message>
      <source>走访 {day}</source>
      <translation>Visit {day}</translation>
    </message>
    <message>
      <source>起草委托照护协议</source>
      <translation>Draft an entrusted-care agreement</translation>
    </message>
    <message>
      <source>较好：较好履行监护职责；一般：基本履行，有潜在风险；差：无人监护或监护能力不足。</source>
      <translation>Good: guardianship duties well performed; Fair: basically performed, with potential risks; Poor: no guardian or guardian unable to care.</translation>
    </message>
    <message>
      <source>辍学日期：{day}</source>
      <translation>Left school on {day}</translation>
    </message>
    <message>
      <source>退出后档案保留，可随时重新纳入。</source>
      <translation>The file is kept after the exit; the child can re-enter at any time.</translation>
    </message>
    <message>
      <source>选择涉及的儿童</source>
      <translation>Choose the child</translation>
    </message>
    <message>
      <source>重新纳入</source>
      <translation>Re-enter</translation>
    </message>
    <message>
      <source>问题：{what}（发现于 {day}）</source>
      <translation>Problem: {what} (found on {day})</translation>
    </message>
    <message>
      <source>风险等级保持当前的“{colour}”，需要时请改选；选空白则按监护情况设定。</source>
      <translation> The risk colour stays at the current '{colour}' unless you change it; choose the blank entry to set it from the guardianship level.</translation>
    </message>
    <message>
      <source>风险等级留空时按监护情况设定。</source>
      <translation> Left blank, the risk colour is set from the guardianship level.</translation>
    </message>
  </context>
  <context>
    <name>duplicates</name>
    <message>
      <source>不是同一人</source>
      <translation>Different children</translation>
    </message>
    <message>
      <source>保留哪份档案：</source>
      <translation>File kept:</translation>
    </message>
    <message>
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>合并</source>
      <translation>Merge</translation>
    </message>
    <message>
      <source>合并后取</source>
      <translation>Merged value</translation>
    </message>
    <message>
      <source>姓名、性别、出生日期相同</source>
      <translation>Same name, sex and birth date</translation>
    </message>
    <message>
      <source>姓名读音、性别、出生日期相同</source>
      <translation>Same name in pinyin, sex and birth date</translation>
    </message>
    <message>
      <source>档案A</source>
      <translation>File A</translation>
    </message>
    <message>
      <source>档案B</source>
      <translation>File B</translation>
    </message>
    <message>
      <source>档案{letter}</source>
      <translation>File {letter}</translation>
    </message>
    <message>
      <source>比较两份档案</source>
      <translation>Compare two files</translation>
    </message>
    <message>
      <source>相同</source>
      <translation>Same</translation>
    </message>
    <message>
      <source>身份证号相同</source>
      <translation>Same ID number</translation>
    </message>
    <message>
      <source>逐项选择保留的值：合并后，被合并的档案退出名册，其记录仍可查阅。</source>
      <translation>Choose the value kept for each field. After the merge the other file leaves the roster; its records can still be read.</translation>
    </message>
    <message>
      <source>项目</source>
      <translation>Field</translation>
    </message>
    <message>
      <source>（不在本机）</source>
      <translation>(not on this laptop)</translation>
    </message>
  </context>
  <context>
    <name>entities</name>
    <message>
      <source>儿童</source>
      <translation>child</translation>
    </message>
    <message>
      <source>劝返</source>
      <translation>persuasion attempt</translation>
    </message>
    <message>
      <source>县级政策</source>
      <translation>county policy</translation>
    </message>
    <message>
      <source>发现问题</source>
      <translation>problem found</translation>
    </message>
    <message>
      <source>告知学校</source>
      <translation>School notice</translation>
    </message>
    <message>
      <source>委托照护协议</source>
      <translation>care agreement</translation>
    </message>
    <message>
      <source>季度核实</source>
      <translation>Quarterly verification</translation>
    </message>
    <message>
      <source>审核</source>
      <translation>Review</translation>
    </message>
    <message>
      <source>家庭成员</source>
      <translation>family member</translation>
    </message>
    <message>
      <source>工作日志</source>
      <translation>work log</translation>
    </message>
    <message>
      <source>工作日志涉及的儿童</source>
      <translation>child named in a work log entry</translation>
    </message>
    <message>
      <source>强制报告</source>
      <translation>mandatory report</translation>
    </message>
    <message>
      <source>报告跟进</source>
      <translation>report follow-up</translation>
    </message>
    <message>
      <source>救助帮扶</source>
      <translation>assistance</translation>
    </message>
    <message>
      <source>服务计划</source>
      <translation>Service plan</translation>
    </message>
    <message>
      <source>照护人</source>
      <translation>carer</translation>
    </message>
    <message>
      <source>留守妇女/老人</source>
      <translation>left-behind woman or elder</translation>
    </message>
    <message>
      <source>留守妇女/老人走访</source>
      <translation>visit to a left-behind woman or elder</translation>
    </message>
    <message>
      <source>疑似重复的处理</source>
      <translation>Decision on a suspected duplicate</translation>
    </message>
    <message>
      <source>监护评估</source>
      <translation>guardianship assessment</translation>
    </message>
    <message>
      <source>类别认定</source>
      <translation>category</translation>
    </message>
    <message>
      <source>纳入与退出</source>
      <translation>enrolment event</translation>
    </message>
    <message>
      <source>线索</source>
      <translation>clue</translation>
    </message>
    <message>
      <source>结对帮扶</source>
      <translation>Paired helper</translation>
    </message>
    <message>
      <source>结对帮扶联系</source>
      <translation>Paired helper's contact</translation>
    </message>
    <message>
      <source>走访更正</source>
      <translation>visit correction</translation>
    </message>
    <message>
      <source>走访记录</source>
      <translation>visit</translation>
    </message>
    <message>
      <source>转移</source>
      <translation>transfer</translation>
    </message>
    <message>
      <source>辍学</source>
      <translation>dropout</translation>
    </message>
    <message>
      <source>问题跟进</source>
      <translation>step on a problem</translation>
    </message>
    <message>
      <source>附件</source>
      <translation>attachment</translation>
    </message>
  </context>
  <context>
    <name>errors</name>
    <message>
      <source>关闭</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>复制详细信息</source>
      <translation>Copy details</translation>
    </message>
    <message>
      <source>日志文件：{path}</source>
      <translation>Log file: {path}</translation>
    </message>
    <message>
      <source>程序出错</source>
      <translation>Error</translation>
    </message>
    <message>
      <source>程序遇到了意外错误，刚才的操作没有完成，已保存的数据不受影响。请把下面的详细信息发给技术支持。</source>
      <translation>The program met an unexpected error. The last action was not completed; saved data is not affected. Please send the details below to support.</translation>
    </message>
  </context>
  <context>
    <name>fields</name>
    <message>
      <source>110、电话或当面</source>
      <translation>110, phone or in person</translation>
    </message>
    <message>
      <source>18位公民身份号码</source>
      <translation>18-character citizen ID number</translation>
    </message>
    <message>
      <source>18位公民身份号码，可不填</source>
      <translation>18-character citizen ID number, optional</translation>
    </message>
    <message>
      <source>{village}（尚无儿童）</source>
      <translation>{village} (no children yet)</translation>
    </message>
    <message>
      <source>{village}（已有{count}名儿童）</source>
      <translation>{village} ({count} children on file)</translation>
    </message>
    <message>
      <source>上报日期</source>
      <translation>Date reported</translation>
    </message>
    <message>
      <source>与儿童关系</source>
      <translation>Relation to the child</translation>
    </message>
    <message>
      <source>丙方（村民委员会）见证人</source>
      <translation>Party C (village committee) witness</translation>
    </message>
    <message>
      <source>乙方签字人</source>
      <translation>Party B signed by</translation>
    </message>
    <message>
      <source>乡镇（街道）名称</source>
      <translation>township name</translation>
    </message>
    <message>
      <source>事项</source>
      <translation>subject</translation>
    </message>
    <message>
      <source>从列表中选择，或填12位村级区划代码</source>
      <translation>choose from the list, or type the 12-digit village code</translation>
    </message>
    <message>
      <source>从列表中选择，或输入村名、12位代码</source>
      <translation>Choose from the list, or type the village's name or 12-digit code</translation>
    </message>
    <message>
      <source>住址</source>
      <translation>Address</translation>
    </message>
    <message>
      <source>作废此次记录</source>
      <translation>Withdraw this record</translation>
    </message>
    <message>
      <source>使用人姓名</source>
      <translation>user's name</translation>
    </message>
    <message>
      <source>健康状况</source>
      <translation>Health</translation>
    </message>
    <message>
      <source>儿童</source>
      <translation>child</translation>
    </message>
    <message>
      <source>儿童意见</source>
      <translation>The child's view</translation>
    </message>
    <message>
      <source>儿童状况</source>
      <translation>The child's condition</translation>
    </message>
    <message>
      <source>儿童状况（健康、情绪、学业）</source>
      <translation>The child's condition (health, mood, school)</translation>
    </message>
    <message>
      <source>儿童类别</source>
      <translation>category</translation>
    </message>
    <message>
      <source>关系</source>
      <translation>Relation</translation>
    </message>
    <message>
      <source>其他约定</source>
      <translation>Other terms</translation>
    </message>
    <message>
      <source>出生日期</source>
      <translation>birth date</translation>
    </message>
    <message>
      <source>出生日期 {birth}，{sex}，{age}周岁</source>
      <translation>Born {birth}, {sex}, age {age}</translation>
    </message>
    <message>
      <source>制定日期</source>
      <translation>date written</translation>
    </message>
    <message>
      <source>劝返人</source>
      <translation>Persuaded by</translation>
    </message>
    <message>
      <source>劝返方式</source>
      <translation>How</translation>
    </message>
    <message>
      <source>劝返日期</source>
      <translation>Date of the attempt</translation>
    </message>
    <message>
      <source>劝返结果</source>
      <translation>Outcome</translation>
    </message>
    <message>
      <source>务工地点（市）</source>
      <translation>Place of work (city)</translation>
    </message>
    <message>
      <source>务工地点（省）</source>
      <translation>Place of work (province)</translation>
    </message>
    <message>
      <source>区划代码</source>
      <translation>region code</translation>
    </message>
    <message>
      <source>县（市、区）名称</source>
      <translation>county name</translation>
    </message>
    <message>
      <source>反映内容</source>
      <translation>What was reported</translation>
    </message>
    <message>
      <source>发放周期</source>
      <translation>Paid every</translation>
    </message>
    <message>
      <source>发现于</source>
      <translation>Found during</translation>
    </message>
    <message>
      <source>发现日期</source>
      <translation>date found</translation>
    </message>
    <message>
      <source>发现时间</source>
      <translation>time discovered</translation>
    </message>
    <message>
      <source>发现途径</source>
      <translation>How it was found</translation>
    </message>
    <message>
      <source>发现问题</source>
      <translation>Problems found</translation>
    </message>
    <message>
      <source>受委托照护人（乙方）</source>
      <translation>Entrusted carer (party B)</translation>
    </message>
    <message>
      <source>变化情况</source>
      <translation>What changed</translation>
    </message>
    <message>
      <source>口令</source>
      <translation>passphrase</translation>
    </message>
    <message>
      <source>同时告知</source>
      <translation>Also notified</translation>
    </message>
    <message>
      <source>同行人员</source>
      <translation>Accompanied by</translation>
    </message>
    <message>
      <source>告知内容</source>
      <translation>what was told</translation>
    </message>
    <message>
      <source>告知方式</source>
      <translation>How told</translation>
    </message>
    <message>
      <source>告知日期</source>
      <translation>date told</translation>
    </message>
    <message>
      <source>地点</source>
      <translation>place</translation>
    </message>
    <message>
      <source>填了身份证号码可不填</source>
      <translation>not needed when the ID number is given</translation>
    </message>
    <message>
      <source>处理情况</source>
      <translation>What was done</translation>
    </message>
    <message>
      <source>处理措施</source>
      <translation>Actions taken</translation>
    </message>
    <message>
      <source>处理日期</source>
      <translation>Date handled</translation>
    </message>
    <message>
      <source>备案日期</source>
      <translation>Filed on</translation>
    </message>
    <message>
      <source>备注</source>
      <translation>notes</translation>
    </message>
    <message>
      <source>复核日期</source>
      <translation>review date</translation>
    </message>
    <message>
      <source>外出务工地点</source>
      <translation>where the family works</translation>
    </message>
    <message>
      <source>外出时间</source>
      <translation>Away since</translation>
    </message>
    <message>
      <source>外出的家人</source>
      <translation>who is away</translation>
    </message>
    <message>
      <source>如：丈夫；儿子、儿媳</source>
      <translation>e.g. husband; son and daughter-in-law</translation>
    </message>
    <message>
      <source>如：乡镇民政办，以逗号分隔</source>
      <translation>e.g. township civil affairs office; separate with commas</translation>
    </message>
    <message>
      <source>如：入户劝返、电话劝返、联系学校</source>
      <translation>e.g. home visit, phone call, with the school</translation>
    </message>
    <message>
      <source>如：初一</source>
      <translation>e.g. junior middle year 1</translation>
    </message>
    <message>
      <source>如：帮扶人工作调动、儿童年满18周岁</source>
      <translation>e.g. the helper moved away, the child turned 18</translation>
    </message>
    <message>
      <source>如：广东省东莞市</source>
      <translation>e.g. Dongguan, Guangdong</translation>
    </message>
    <message>
      <source>如：村东头王家的小女孩，约8岁</source>
      <translation>e.g. the Wang family's girl at the east end, about 8</translation>
    </message>
    <message>
      <source>如：村委会、学校、儿童主任姓名</source>
      <translation>e.g. village committee, school, the director's name</translation>
    </message>
    <message>
      <source>如：杭州市</source>
      <translation>e.g. Hangzhou</translation>
    </message>
    <message>
      <source>如：每周联系一次，每月入户走访一次</source>
      <translation>e.g. a call every week, a home visit every month</translation>
    </message>
    <message>
      <source>如：汉族</source>
      <translation>e.g. Han</translation>
    </message>
    <message>
      <source>如：浙江省</source>
      <translation>e.g. Zhejiang</translation>
    </message>
    <message>
      <source>如：班主任王老师</source>
      <translation>e.g. Ms Wang, the class teacher</translation>
    </message>
    <message>
      <source>如：视频确认并录屏存档</source>
      <translation>e.g. confirmed by video, recording kept</translation>
    </message>
    <message>
      <source>姓名</source>
      <translation>name</translation>
    </message>
    <message>
      <source>委托人（甲方）</source>
      <translation>Principal (party A)</translation>
    </message>
    <message>
      <source>委托开始日期</source>
      <translation>Care starts</translation>
    </message>
    <message>
      <source>委托照护协议</source>
      <translation>care agreement</translation>
    </message>
    <message>
      <source>委托照料原因</source>
      <translation>Reason for entrusted care</translation>
    </message>
    <message>
      <source>委托结束日期</source>
      <translation>Care ends</translation>
    </message>
    <message>
      <source>季度</source>
      <translation>quarter</translation>
    </message>
    <message>
      <source>学校</source>
      <translation>School</translation>
    </message>
    <message>
      <source>学校名称</source>
      <translation>school</translation>
    </message>
    <message>
      <source>学校接收人</source>
      <translation>who at the school was told</translation>
    </message>
    <message>
      <source>完成时限</source>
      <translation>target date</translation>
    </message>
    <message>
      <source>审核</source>
      <translation>review</translation>
    </message>
    <message>
      <source>审核意见</source>
      <translation>review comment</translation>
    </message>
    <message>
      <source>家庭情况变化</source>
      <translation>changes in the family</translation>
    </message>
    <message>
      <source>家庭经济来源</source>
      <translation>Family income</translation>
    </message>
    <message>
      <source>家庭联系电话</source>
      <translation>Household phone</translation>
    </message>
    <message>
      <source>就学情况</source>
      <translation>School stage</translation>
    </message>
    <message>
      <source>就读学校</source>
      <translation>School</translation>
    </message>
    <message>
      <source>已采取的紧急措施</source>
      <translation>Emergency measures taken</translation>
    </message>
    <message>
      <source>帮扶人姓名</source>
      <translation>helper's name</translation>
    </message>
    <message>
      <source>帮扶人身份</source>
      <translation>who the helper is</translation>
    </message>
    <message>
      <source>帮扶内容</source>
      <translation>What was done</translation>
    </message>
    <message>
      <source>年-月-日</source>
      <translation>yyyy-mm-dd</translation>
    </message>
    <message>
      <source>年级</source>
      <translation>Grade</translation>
    </message>
    <message>
      <source>开始日期</source>
      <translation>Start date</translation>
    </message>
    <message>
      <source>待审核事项</source>
      <translation>item for review</translation>
    </message>
    <message>
      <source>待遇是否仍然合适</source>
      <translation>benefits still right</translation>
    </message>
    <message>
      <source>待遇说明</source>
      <translation>Benefits note</translation>
    </message>
    <message>
      <source>性别</source>
      <translation>sex</translation>
    </message>
    <message>
      <source>患病情况</source>
      <translation>Illness</translation>
    </message>
    <message>
      <source>情况</source>
      <translation>Notes</translation>
    </message>
    <message>
      <source>情况描述（客观事实）</source>
      <translation>What was seen (facts only)</translation>
    </message>
    <message>
      <source>情况说明</source>
      <translation>Notes</translation>
    </message>
    <message>
      <source>户籍地址</source>
      <translation>Hukou address</translation>
    </message>
    <message>
      <source>户籍性质</source>
      <translation>Hukou type</translation>
    </message>
    <message>
      <source>所做工作</source>
      <translation>what was done</translation>
    </message>
    <message>
      <source>所在村</source>
      <translation>Village</translation>
    </message>
    <message>
      <source>报告人电话（保密）</source>
      <translation>Reporter's phone (confidential)</translation>
    </message>
    <message>
      <source>报告人（保密）</source>
      <translation>Reporter (confidential)</translation>
    </message>
    <message>
      <source>报告情形</source>
      <translation>Situations</translation>
    </message>
    <message>
      <source>报告方式</source>
      <translation>Reported by</translation>
    </message>
    <message>
      <source>报告时间</source>
      <translation>time reported</translation>
    </message>
    <message>
      <source>报告的公安机关（派出所）</source>
      <translation>Police station reported to</translation>
    </message>
    <message>
      <source>接收时间</source>
      <translation>time received</translation>
    </message>
    <message>
      <source>提供单位</source>
      <translation>Provided by</translation>
    </message>
    <message>
      <source>救助帮扶项目</source>
      <translation>Assistance item</translation>
    </message>
    <message>
      <source>方式</source>
      <translation>mode</translation>
    </message>
    <message>
      <source>无偿，或每月金额</source>
      <translation>Free, or an amount per month</translation>
    </message>
    <message>
      <source>无监护能力起始日期</source>
      <translation>Unable since</translation>
    </message>
    <message>
      <source>日期</source>
      <translation>date</translation>
    </message>
    <message>
      <source>日期写作 2026-07-01；方式写作 入户走访、电话、视频</source>
      <translation>Dates as 2026-07-01; modes as 入户走访, 电话, 视频</translation>
    </message>
    <message>
      <source>是否与儿童同住</source>
      <translation>Lives with the child</translation>
    </message>
    <message>
      <source>是否在世</source>
      <translation>Alive</translation>
    </message>
    <message>
      <source>是否外出务工</source>
      <translation>Away for work</translation>
    </message>
    <message>
      <source>是否寄宿</source>
      <translation>Boarding</translation>
    </message>
    <message>
      <source>是否登记户口</source>
      <translation>Hukou registered</translation>
    </message>
    <message>
      <source>是否见到儿童本人</source>
      <translation>Child seen in person</translation>
    </message>
    <message>
      <source>是否跨县务工</source>
      <translation>Working outside the county</translation>
    </message>
    <message>
      <source>更正原因</source>
      <translation>Reason for the correction</translation>
    </message>
    <message>
      <source>更正后的内容</source>
      <translation>Corrected value</translation>
    </message>
    <message>
      <source>更正项目</source>
      <translation>Field to correct</translation>
    </message>
    <message>
      <source>月、年或一次性</source>
      <translation>month, year or once</translation>
    </message>
    <message>
      <source>有无委托照护人</source>
      <translation>Has an entrusted carer</translation>
    </message>
    <message>
      <source>服务措施</source>
      <translation>service measures</translation>
    </message>
    <message>
      <source>服务措施（每行一项）</source>
      <translation>Measures (one a line)</translation>
    </message>
    <message>
      <source>服务频次</source>
      <translation>how often</translation>
    </message>
    <message>
      <source>未建档儿童（姓名或描述）</source>
      <translation>Child not on file (name or description)</translation>
    </message>
    <message>
      <source>村（社区）名称</source>
      <translation>village name</translation>
    </message>
    <message>
      <source>来源为“其他”时必填，如：镇卫生院</source>
      <translation>required when the source is "other", e.g. the township clinic</translation>
    </message>
    <message>
      <source>来源说明</source>
      <translation>description of the source</translation>
    </message>
    <message>
      <source>核实人</source>
      <translation>verified by</translation>
    </message>
    <message>
      <source>核实日期</source>
      <translation>date of the verification</translation>
    </message>
    <message>
      <source>档案编号</source>
      <translation>File no.</translation>
    </message>
    <message>
      <source>残疾等级（1-4级）</source>
      <translation>Disability grade (1-4)</translation>
    </message>
    <message>
      <source>残疾类别</source>
      <translation>Disability type</translation>
    </message>
    <message>
      <source>每周至少一次</source>
      <translation>At least once a week</translation>
    </message>
    <message>
      <source>每周走访上限</source>
      <translation>weekly visit limit</translation>
    </message>
    <message>
      <source>民族</source>
      <translation>Ethnicity</translation>
    </message>
    <message>
      <source>涉及儿童</source>
      <translation>children concerned</translation>
    </message>
    <message>
      <source>涉及儿童人身安全</source>
      <translation>About a child's safety</translation>
    </message>
    <message>
      <source>涉及儿童（已建档）</source>
      <translation>Child on file</translation>
    </message>
    <message>
      <source>照护人是否在家</source>
      <translation>Carer at home</translation>
    </message>
    <message>
      <source>照护费用</source>
      <translation>Care fee</translation>
    </message>
    <message>
      <source>父母联系频次</source>
      <translation>Parents' contact frequency</translation>
    </message>
    <message>
      <source>现居住地址</source>
      <translation>Current address</translation>
    </message>
    <message>
      <source>生理风险（1-5）</source>
      <translation>Health risk (1-5)</translation>
    </message>
    <message>
      <source>甲方签字人</source>
      <translation>Party A signed by</translation>
    </message>
    <message>
      <source>甲方远程确认</source>
      <translation>Party A confirmed remotely</translation>
    </message>
    <message>
      <source>电话</source>
      <translation>phone</translation>
    </message>
    <message>
      <source>留守妇女/老人</source>
      <translation>left-behind woman or elder</translation>
    </message>
    <message>
      <source>留空则为上报日期</source>
      <translation>blank: the date reported</translation>
    </message>
    <message>
      <source>留空则为今天</source>
      <translation>blank: today</translation>
    </message>
    <message>
      <source>留空则自动编号</source>
      <translation>blank: numbered automatically</translation>
    </message>
    <message>
      <source>登记日期</source>
      <translation>date registered</translation>
    </message>
    <message>
      <source>监护情况</source>
      <translation>guardianship level</translation>
    </message>
    <message>
      <source>监护能力</source>
      <translation>Able to care</translation>
    </message>
    <message>
      <source>监护风险（1-5）</source>
      <translation>Guardianship risk (1-5)</translation>
    </message>
    <message>
      <source>签订日期</source>
      <translation>Signed on</translation>
    </message>
    <message>
      <source>类别</source>
      <translation>kind</translation>
    </message>
    <message>
      <source>线索</source>
      <translation>clue</translation>
    </message>
    <message>
      <source>线索来源</source>
      <translation>source of the clue</translation>
    </message>
    <message>
      <source>终止原因</source>
      <translation>Reason</translation>
    </message>
    <message>
      <source>终止日期</source>
      <translation>Ended on</translation>
    </message>
    <message>
      <source>经办人</source>
      <translation>Handled by</translation>
    </message>
    <message>
      <source>结对日期</source>
      <translation>date paired</translation>
    </message>
    <message>
      <source>结束原因</source>
      <translation>reason it ended</translation>
    </message>
    <message>
      <source>结束日期</source>
      <translation>end date</translation>
    </message>
    <message>
      <source>结果</source>
      <translation>Result</translation>
    </message>
    <message>
      <source>结果说明</source>
      <translation>Outcome details</translation>
    </message>
    <message>
      <source>结案日期</source>
      <translation>date closed</translation>
    </message>
    <message>
      <source>联系方式</source>
      <translation>Mode</translation>
    </message>
    <message>
      <source>联系日期</source>
      <translation>contact date</translation>
    </message>
    <message>
      <source>联系电话</source>
      <translation>Phone</translation>
    </message>
    <message>
      <source>行为风险（1-5）</source>
      <translation>Behaviour risk (1-5)</translation>
    </message>
    <message>
      <source>角色</source>
      <translation>role</translation>
    </message>
    <message>
      <source>解决情况</source>
      <translation>how it was solved</translation>
    </message>
    <message>
      <source>警情/回执号</source>
      <translation>Case / receipt no.</translation>
    </message>
    <message>
      <source>认定依据</source>
      <translation>Basis</translation>
    </message>
    <message>
      <source>认定日期</source>
      <translation>Recognised on</translation>
    </message>
    <message>
      <source>证件号码</source>
      <translation>ID number</translation>
    </message>
    <message>
      <source>证件类型</source>
      <translation>ID document</translation>
    </message>
    <message>
      <source>评估人</source>
      <translation>Assessor</translation>
    </message>
    <message>
      <source>评估依据</source>
      <translation>Basis of the assessment</translation>
    </message>
    <message>
      <source>评估日期</source>
      <translation>assessment date</translation>
    </message>
    <message>
      <source>说明</source>
      <translation>Note</translation>
    </message>
    <message>
      <source>请选择</source>
      <translation>Please choose</translation>
    </message>
    <message>
      <source>责任人</source>
      <translation>who is responsible</translation>
    </message>
    <message>
      <source>责任人（单位）</source>
      <translation>who acts</translation>
    </message>
    <message>
      <source>走访、学校反映、群众举报……</source>
      <translation>a visit, the school, a neighbour…</translation>
    </message>
    <message>
      <source>走访人</source>
      <translation>Visited by</translation>
    </message>
    <message>
      <source>走访方式</source>
      <translation>visit mode</translation>
    </message>
    <message>
      <source>走访日期</source>
      <translation>visit date</translation>
    </message>
    <message>
      <source>走访记录</source>
      <translation>visit record</translation>
    </message>
    <message>
      <source>身份证号码</source>
      <translation>ID number</translation>
    </message>
    <message>
      <source>转入村</source>
      <translation>receiving village</translation>
    </message>
    <message>
      <source>转移</source>
      <translation>transfer</translation>
    </message>
    <message>
      <source>转移原因</source>
      <translation>Reason for the transfer</translation>
    </message>
    <message>
      <source>辍学原因</source>
      <translation>Reason for leaving school</translation>
    </message>
    <message>
      <source>辍学日期</source>
      <translation>date the child left school</translation>
    </message>
    <message>
      <source>远程确认方式</source>
      <translation>How it was confirmed</translation>
    </message>
    <message>
      <source>退出原因</source>
      <translation>reason for leaving</translation>
    </message>
    <message>
      <source>退出日期</source>
      <translation>exit date</translation>
    </message>
    <message>
      <source>选择日期（Alt+↓）</source>
      <translation>Choose a date (Alt+Down)</translation>
    </message>
    <message>
      <source>采取的措施</source>
      <translation>Action taken</translation>
    </message>
    <message>
      <source>重新纳入日期</source>
      <translation>Re-entry date</translation>
    </message>
    <message>
      <source>金额（元）</source>
      <translation>Amount (yuan)</translation>
    </message>
    <message>
      <source>问题描述</source>
      <translation>the problem</translation>
    </message>
    <message>
      <source>问题类别</source>
      <translation>Kind of problem</translation>
    </message>
    <message>
      <source>阶段</source>
      <translation>Stage</translation>
    </message>
    <message>
      <source>风险等级</source>
      <translation>risk colour</translation>
    </message>
    <message>
      <source>风险等级（四色）</source>
      <translation>Risk colour</translation>
    </message>
  </context>
  <context>
    <name>file</name>
    <message>
      <source>{age}周岁</source>
      <translation>age {age}</translation>
    </message>
    <message>
      <source>{category}至 {day}（按年龄）</source>
      <translation>{category} until {day} (by age)</translation>
    </message>
    <message>
      <source>{name}的基本信息有未保存的修改。</source>
      <translation>{name}'s basic information has unsaved changes.</translation>
    </message>
    <message>
      <source>{part}（{count}）</source>
      <translation>{part} ({count})</translation>
    </message>
    <message>
      <source>{status}　风险等级：{colour}　类别：{held}　档案编号：{no}</source>
      <translation>{status}   Risk: {colour}   Categories: {held}   File no.: {no}</translation>
    </message>
    <message>
      <source>{tab}（未保存）</source>
      <translation>{tab} (unsaved)</translation>
    </message>
    <message>
      <source>书面报告</source>
      <translation>Written report</translation>
    </message>
    <message>
      <source>保存书面报告</source>
      <translation>Save the written report</translation>
    </message>
    <message>
      <source>保存基本信息</source>
      <translation>Save basic information</translation>
    </message>
    <message>
      <source>修改</source>
      <translation>Edit</translation>
    </message>
    <message>
      <source>修订服务计划</source>
      <translation>Revise the plan</translation>
    </message>
    <message>
      <source>儿童类别</source>
      <translation>Categories</translation>
    </message>
    <message>
      <source>出生日期 {day}，{age}周岁</source>
      <translation>Born {day}, age {age}</translation>
    </message>
    <message>
      <source>制定服务计划</source>
      <translation>Write a plan</translation>
    </message>
    <message>
      <source>劝返</source>
      <translation>Persuade back…</translation>
    </message>
    <message>
      <source>劝返尚未两次无效。确认劝返无效，向乡镇人民政府和县级教育行政部门书面报告吗？</source>
      <translation>Persuasion has not failed twice yet. Confirm that it failed and report in writing to the township government and the county education bureau?</translation>
    </message>
    <message>
      <source>劝返记录</source>
      <translation>Persuasion attempts</translation>
    </message>
    <message>
      <source>办理退出</source>
      <translation>Exit</translation>
    </message>
    <message>
      <source>历史记录</source>
      <translation>History</translation>
    </message>
    <message>
      <source>历次服务计划</source>
      <translation>All plans</translation>
    </message>
    <message>
      <source>发现问题和解决方案</source>
      <translation>Problems found and their solutions</translation>
    </message>
    <message>
      <source>受委托照护人</source>
      <translation>Entrusted carer</translation>
    </message>
    <message>
      <source>另存为</source>
      <translation>Save as</translation>
    </message>
    <message>
      <source>另存为…</source>
      <translation>Save as…</translation>
    </message>
    <message>
      <source>各阶段时限（按县级政策）</source>
      <translation>Deadline of each stage (county policy)</translation>
    </message>
    <message>
      <source>后续跟进</source>
      <translation>Follow-up</translation>
    </message>
    <message>
      <source>告知学校</source>
      <translation>School notices</translation>
    </message>
    <message>
      <source>困境儿童季度核实（每季度一次，核实后向乡镇报告）</source>
      <translation>Quarterly verification of a child in difficulty (once a quarter, reported to the township)</translation>
    </message>
    <message>
      <source>图片和PDF (*.jpg *.jpeg *.png *.pdf)</source>
      <translation>Images and PDF (*.jpg *.jpeg *.png *.pdf)</translation>
    </message>
    <message>
      <source>基本信息</source>
      <translation>Basic information</translation>
    </message>
    <message>
      <source>基本情况</source>
      <translation>About the child</translation>
    </message>
    <message>
      <source>委托照护协议</source>
      <translation>Entrusted-care agreements</translation>
    </message>
    <message>
      <source>季度核实</source>
      <translation>Quarterly verification</translation>
    </message>
    <message>
      <source>家庭成员</source>
      <translation>Family</translation>
    </message>
    <message>
      <source>尚未制定服务计划。</source>
      <translation>No service plan yet.</translation>
    </message>
    <message>
      <source>已结案，无需办理</source>
      <translation>Closed: no longer needed</translation>
    </message>
    <message>
      <source>已逾期</source>
      <translation>Overdue</translation>
    </message>
    <message>
      <source>帮扶</source>
      <translation>Help</translation>
    </message>
    <message>
      <source>应办：</source>
      <translation>To do: </translation>
    </message>
    <message>
      <source>应办：{work}</source>
      <translation>To do: {work}</translation>
    </message>
    <message>
      <source>强制报告</source>
      <translation>Mandatory reports</translation>
    </message>
    <message>
      <source>强制报告（保密：不出现在名册和统计明细中）</source>
      <translation>Mandatory reports (confidential: never on rosters or in statistics)</translation>
    </message>
    <message>
      <source>当前服务计划</source>
      <translation>Current service plan</translation>
    </message>
    <message>
      <source>待办</source>
      <translation>To do</translation>
    </message>
    <message>
      <source>打印书面报告…</source>
      <translation>Print the written report…</translation>
    </message>
    <message>
      <source>打印档案…</source>
      <translation>Print file…</translation>
    </message>
    <message>
      <source>报告与线索</source>
      <translation>Reports and clues</translation>
    </message>
    <message>
      <source>按时完成</source>
      <translation>Done on time</translation>
    </message>
    <message>
      <source>救助帮扶</source>
      <translation>Assistance</translation>
    </message>
    <message>
      <source>新增结对</source>
      <translation>New pairing</translation>
    </message>
    <message>
      <source>新增问题</source>
      <translation>New problem</translation>
    </message>
    <message>
      <source>新报告</source>
      <translation>New report</translation>
    </message>
    <message>
      <source>新评估</source>
      <translation>New assessment</translation>
    </message>
    <message>
      <source>无</source>
      <translation>None</translation>
    </message>
    <message>
      <source>更正</source>
      <translation>Correct</translation>
    </message>
    <message>
      <source>服务措施：</source>
      <translation>Measures:</translation>
    </message>
    <message>
      <source>服务计划</source>
      <translation>Service plan</translation>
    </message>
    <message>
      <source>未定</source>
      <translation>not set</translation>
    </message>
    <message>
      <source>档案的各部分</source>
      <translation>Parts of the file</translation>
    </message>
    <message>
      <source>没有需要保存的修改。</source>
      <translation>Nothing to save.</translation>
    </message>
    <message>
      <source>添加</source>
      <translation>Add</translation>
    </message>
    <message>
      <source>添加家庭成员</source>
      <translation>Add family member</translation>
    </message>
    <message>
      <source>添加照护人</source>
      <translation>Add carer</translation>
    </message>
    <message>
      <source>添加附件…</source>
      <translation>Add attachment…</translation>
    </message>
    <message>
      <source>照护与协议</source>
      <translation>Care and agreements</translation>
    </message>
    <message>
      <source>登记线索</source>
      <translation>Register clue</translation>
    </message>
    <message>
      <source>监护评估</source>
      <translation>Assessments</translation>
    </message>
    <message>
      <source>签订</source>
      <translation>Sign</translation>
    </message>
    <message>
      <source>类别退出</source>
      <translation>End a category</translation>
    </message>
    <message>
      <source>线索</source>
      <translation>Clues</translation>
    </message>
    <message>
      <source>线索（保密）：在“线索登记”页处理和结案</source>
      <translation>Clues (confidential): handle and close them on the Clues page</translation>
    </message>
    <message>
      <source>终止</source>
      <translation>End</translation>
    </message>
    <message>
      <source>结对帮扶与学校</source>
      <translation>Helpers and school</translation>
    </message>
    <message>
      <source>结对帮扶（联系周期按县级政策）</source>
      <translation>Pairing (contact as often as the county policy says)</translation>
    </message>
    <message>
      <source>结束结对</source>
      <translation>End pairing</translation>
    </message>
    <message>
      <source>结案</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>联系记录</source>
      <translation>Contacts</translation>
    </message>
    <message>
      <source>认定类别</source>
      <translation>Add category</translation>
    </message>
    <message>
      <source>记一步</source>
      <translation>Record a step</translation>
    </message>
    <message>
      <source>记为问题</source>
      <translation>Record as a problem</translation>
    </message>
    <message>
      <source>记告知学校</source>
      <translation>Record school notice</translation>
    </message>
    <message>
      <source>记录走访</source>
      <translation>Log a visit</translation>
    </message>
    <message>
      <source>记录走访（Ctrl+L）</source>
      <translation>Log a visit (Ctrl+L)</translation>
    </message>
    <message>
      <source>记录辍学</source>
      <translation>Record a dropout</translation>
    </message>
    <message>
      <source>记联系</source>
      <translation>Log contact</translation>
    </message>
    <message>
      <source>请从工作台或儿童名册选择一名儿童。</source>
      <translation>Choose a child from the workbench or the roster.</translation>
    </message>
    <message>
      <source>责任人：{who}　服务频次：{often}</source>
      <translation>Responsible: {who}   How often: {often}</translation>
    </message>
    <message>
      <source>资料</source>
      <translation>Papers</translation>
    </message>
    <message>
      <source>走访与评估</source>
      <translation>Visits and assessments</translation>
    </message>
    <message>
      <source>走访记录</source>
      <translation>Visits</translation>
    </message>
    <message>
      <source>起草协议</source>
      <translation>Draft agreement</translation>
    </message>
    <message>
      <source>跟进记录</source>
      <translation>Steps taken</translation>
    </message>
    <message>
      <source>转出…</source>
      <translation>Transfer out…</translation>
    </message>
    <message>
      <source>辍学与劝返</source>
      <translation>Dropouts and persuasion back to school</translation>
    </message>
    <message>
      <source>辍学书面报告-{name}.pdf</source>
      <translation>dropout-report-{name}.pdf</translation>
    </message>
    <message>
      <source>辍学劝返</source>
      <translation>Dropout</translation>
    </message>
    <message>
      <source>还没有记录。</source>
      <translation>No records yet.</translation>
    </message>
    <message>
      <source>还没有记录。点击下方的“{action}”添加。</source>
      <translation>No records yet. Click “{action}” below to add one.</translation>
    </message>
    <message>
      <source>选择扫描件或照片</source>
      <translation>Choose a scan or photo</translation>
    </message>
    <message>
      <source>逾期{days}天</source>
      <translation>{days} days late</translation>
    </message>
    <message>
      <source>逾期{days}天完成</source>
      <translation>Done {days} days late</translation>
    </message>
    <message>
      <source>重新纳入</source>
      <translation>Re-enter</translation>
    </message>
    <message>
      <source>问题跟进</source>
      <translation>Problems</translation>
    </message>
    <message>
      <source>附件</source>
      <translation>Attachments</translation>
    </message>
    <message>
      <source>风险等级：{colour}色　制定日期：{written}　复核日期：{review}</source>
      <translation>Risk colour: {colour}   Written on: {written}   Review by: {review}</translation>
    </message>
  </context>
  <context>
    <name>help</name>
    <message>
      <source>供村（居）儿童主任和乡镇儿童督导员记录、打印和同步儿童关爱保护档案。档案加密保存在本机，只在同步时发送到县服务器。按 F1 查看用户指南。</source>
      <translation>For village child directors and township supervisors to record, print and sync child care and protection files. The files are kept encrypted on this computer and sent only to the county server when syncing. Press F1 for the user guide.</translation>
    </message>
    <message>
      <source>儿童主任工作台 {version}</source>
      <translation>Child Director's Workbench {version}</translation>
    </message>
    <message>
      <source>关于</source>
      <translation>About</translation>
    </message>
    <message>
      <source>用户指南</source>
      <translation>User guide</translation>
    </message>
  </context>
  <context>
    <name>history</name>
    <message>
      <source>从台账导入</source>
      <translation>Imported from a ledger</translation>
    </message>
    <message>
      <source>修改协议草稿</source>
      <translation>Agreement draft edited</translation>
    </message>
    <message>
      <source>修改发现问题</source>
      <translation>problem edited</translation>
    </message>
    <message>
      <source>修改基本信息</source>
      <translation>Basic information edited</translation>
    </message>
    <message>
      <source>修改季度核实</source>
      <translation>Edited quarterly verification</translation>
    </message>
    <message>
      <source>修改家庭成员</source>
      <translation>Family member edited</translation>
    </message>
    <message>
      <source>修改救助帮扶</source>
      <translation>Assistance edited</translation>
    </message>
    <message>
      <source>修改照护人</source>
      <translation>Carer edited</translation>
    </message>
    <message>
      <source>删除家庭成员</source>
      <translation>Family member removed</translation>
    </message>
    <message>
      <source>删除照护人</source>
      <translation>Carer removed</translation>
    </message>
    <message>
      <source>删除附件</source>
      <translation>Attachment removed</translation>
    </message>
    <message>
      <source>制定服务计划</source>
      <translation>Service plan written</translation>
    </message>
    <message>
      <source>办理退出</source>
      <translation>Exit</translation>
    </message>
    <message>
      <source>县级抽查问题已整改</source>
      <translation>County spot-check finding fixed</translation>
    </message>
    <message>
      <source>合并重复档案</source>
      <translation>Merged duplicate files</translation>
    </message>
    <message>
      <source>处理同步冲突</source>
      <translation>Resolved a sync conflict</translation>
    </message>
    <message>
      <source>处理线索</source>
      <translation>Clue handled</translation>
    </message>
    <message>
      <source>处理重复档案</source>
      <translation>Decided on duplicate files</translation>
    </message>
    <message>
      <source>季度核实</source>
      <translation>Quarterly verification</translation>
    </message>
    <message>
      <source>审核退回</source>
      <translation>Review: returned</translation>
    </message>
    <message>
      <source>审核通过</source>
      <translation>Review: approved</translation>
    </message>
    <message>
      <source>导出</source>
      <translation>Exported</translation>
    </message>
    <message>
      <source>强制报告</source>
      <translation>Mandatory reports</translation>
    </message>
    <message>
      <source>打印</source>
      <translation>Printed</translation>
    </message>
    <message>
      <source>报告跟进</source>
      <translation>Report follow-up</translation>
    </message>
    <message>
      <source>撤回转移申请</source>
      <translation>Withdrew the transfer request</translation>
    </message>
    <message>
      <source>新增结对帮扶</source>
      <translation>Helper paired</translation>
    </message>
    <message>
      <source>更正走访</source>
      <translation>Visit corrected</translation>
    </message>
    <message>
      <source>查看档案</source>
      <translation>File viewed</translation>
    </message>
    <message>
      <source>查看附件</source>
      <translation>Attachment viewed</translation>
    </message>
    <message>
      <source>核验协议</source>
      <translation>Verified an agreement</translation>
    </message>
    <message>
      <source>添加家庭成员</source>
      <translation>Add family member</translation>
    </message>
    <message>
      <source>添加照护人</source>
      <translation>Add carer</translation>
    </message>
    <message>
      <source>添加附件</source>
      <translation>Attachment added</translation>
    </message>
    <message>
      <source>申请转移</source>
      <translation>Asked for a transfer</translation>
    </message>
    <message>
      <source>登记建档</source>
      <translation>File opened</translation>
    </message>
    <message>
      <source>登记线索</source>
      <translation>Clue registered</translation>
    </message>
    <message>
      <source>监护评估</source>
      <translation>Assessments</translation>
    </message>
    <message>
      <source>确认不是同一人</source>
      <translation>Marked as different children</translation>
    </message>
    <message>
      <source>签订协议</source>
      <translation>Agreement signed</translation>
    </message>
    <message>
      <source>类别退出</source>
      <translation>End a category</translation>
    </message>
    <message>
      <source>线索关联儿童</source>
      <translation>Clue linked to the child</translation>
    </message>
    <message>
      <source>线索结案</source>
      <translation>Clue closed</translation>
    </message>
    <message>
      <source>终止协议</source>
      <translation>End the agreement</translation>
    </message>
    <message>
      <source>结束结对帮扶</source>
      <translation>Pairing ended</translation>
    </message>
    <message>
      <source>认定类别</source>
      <translation>Add category</translation>
    </message>
    <message>
      <source>记录劝返</source>
      <translation>Persuasion recorded</translation>
    </message>
    <message>
      <source>记录发现问题</source>
      <translation>problem recorded</translation>
    </message>
    <message>
      <source>记录告知学校</source>
      <translation>School notice recorded</translation>
    </message>
    <message>
      <source>记录救助帮扶</source>
      <translation>Assistance recorded</translation>
    </message>
    <message>
      <source>记录结对帮扶联系</source>
      <translation>Helper's contact logged</translation>
    </message>
    <message>
      <source>记录走访</source>
      <translation>Log a visit</translation>
    </message>
    <message>
      <source>记录辍学</source>
      <translation>Dropout recorded</translation>
    </message>
    <message>
      <source>起草协议</source>
      <translation>Draft agreement</translation>
    </message>
    <message>
      <source>转移已接收</source>
      <translation>Transfer accepted</translation>
    </message>
    <message>
      <source>转移被拒绝</source>
      <translation>Transfer refused</translation>
    </message>
    <message>
      <source>辍学已书面报告</source>
      <translation>Dropout reported in writing</translation>
    </message>
    <message>
      <source>辍学已返校</source>
      <translation>Back at school</translation>
    </message>
    <message>
      <source>重新纳入</source>
      <translation>Re-enter</translation>
    </message>
    <message>
      <source>问题结案</source>
      <translation>problem closed</translation>
    </message>
    <message>
      <source>问题跟进</source>
      <translation>step on a problem</translation>
    </message>
  </context>
  <context>
    <name>import</name>
    <message>
      <source>Excel 文件 (*.xlsx)</source>
      <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
      <source>从 Excel 导入台账</source>
      <translation>Import a ledger from Excel</translation>
    </message>
    <message>
      <source>从列表中选择，或输入村名、12位代码</source>
      <translation>Choose from the list, or type the village's name or 12-digit code</translation>
    </message>
    <message>
      <source>保存导入报告</source>
      <translation>Save the import report</translation>
    </message>
    <message>
      <source>完成</source>
      <translation>Finish</translation>
    </message>
    <message>
      <source>已取消，没有导入任何内容</source>
      <translation>Cancelled; nothing was imported</translation>
    </message>
    <message>
      <source>本乡镇档案库：请选择这些儿童所在的村，或把表中的村级区划代码列对照为“村级区划代码”。</source>
      <translation>A township's store: choose the village of these children, or map the ledger's village code column to "村级区划代码".</translation>
    </message>
    <message>
      <source>正在读取…</source>
      <translation>Reading…</translation>
    </message>
    <message>
      <source>没有村级区划代码的行记入</source>
      <translation>Rows without a village code go to</translation>
    </message>
  </context>
  <context>
    <name>main</name>
    <message>
      <source>{n} 处冲突待处理</source>
      <translation>Conflicts to resolve: {n}</translation>
    </message>
    <message>
      <source>{n} 条修改被暂存待审</source>
      <translation>Changes held for review: {n}</translation>
    </message>
    <message>
      <source>{title}（演示数据）</source>
      <translation>{title} (demo data)</translation>
    </message>
    <message>
      <source>儿童主任工作台</source>
      <translation>Child Director's Desk</translation>
    </message>
    <message>
      <source>儿童名册</source>
      <translation>Roster</translation>
    </message>
    <message>
      <source>儿童档案</source>
      <translation>Child's file</translation>
    </message>
    <message>
      <source>儿童督导员工作台</source>
      <translation>Child Welfare Supervisor's Desk</translation>
    </message>
    <message>
      <source>同步</source>
      <translation>Sync</translation>
    </message>
    <message>
      <source>审核</source>
      <translation>Review</translation>
    </message>
    <message>
      <source>工作台</source>
      <translation>Workbench</translation>
    </message>
    <message>
      <source>工作日志</source>
      <translation>Work log</translation>
    </message>
    <message>
      <source>打印</source>
      <translation>Print</translation>
    </message>
    <message>
      <source>档案库：{path}（加密保存在本机）</source>
      <translation>Store: {path} (encrypted, on this computer)</translation>
    </message>
    <message>
      <source>正在处理…</source>
      <translation>Working…</translation>
    </message>
    <message>
      <source>演示数据——不是真实儿童信息（示范档案库，不能登记或同步到县服务器）</source>
      <translation>Demo data: these are not real children (the demo store cannot be enrolled or synced with a county server)</translation>
    </message>
    <message>
      <source>留守妇女/老人</source>
      <translation>Left-behind adults</translation>
    </message>
    <message>
      <source>疑似重复</source>
      <translation>Duplicates</translation>
    </message>
    <message>
      <source>线索登记</source>
      <translation>Clues</translation>
    </message>
    <message>
      <source>设置</source>
      <translation>Settings</translation>
    </message>
    <message>
      <source>请先选择一名儿童，再记录走访。</source>
      <translation>Choose a child first, then log the visit.</translation>
    </message>
  </context>
  <context>
    <name>menu</name>
    <message>
      <source>儿童名册</source>
      <translation>Roster</translation>
    </message>
    <message>
      <source>儿童档案</source>
      <translation>Child file</translation>
    </message>
    <message>
      <source>关于</source>
      <translation>About</translation>
    </message>
    <message>
      <source>切换用户…</source>
      <translation>Switch user…</translation>
    </message>
    <message>
      <source>刷新</source>
      <translation>Refresh</translation>
    </message>
    <message>
      <source>同步</source>
      <translation>Sync</translation>
    </message>
    <message>
      <source>备份…</source>
      <translation>Back up…</translation>
    </message>
    <message>
      <source>大字体</source>
      <translation>Large text</translation>
    </message>
    <message>
      <source>导入台账…</source>
      <translation>Import ledger…</translation>
    </message>
    <message>
      <source>工作台</source>
      <translation>Workbench</translation>
    </message>
    <message>
      <source>帮助(&amp;H)</source>
      <translation>&amp;Help</translation>
    </message>
    <message>
      <source>打印</source>
      <translation>Print</translation>
    </message>
    <message>
      <source>打印…</source>
      <translation>Print…</translation>
    </message>
    <message>
      <source>打印季度核实报告…</source>
      <translation>Print quarterly verification report…</translation>
    </message>
    <message>
      <source>文件(&amp;F)</source>
      <translation>&amp;File</translation>
    </message>
    <message>
      <source>新建儿童</source>
      <translation>New child</translation>
    </message>
    <message>
      <source>查找儿童</source>
      <translation>Find a child</translation>
    </message>
    <message>
      <source>用户指南</source>
      <translation>User guide</translation>
    </message>
    <message>
      <source>编辑(&amp;E)</source>
      <translation>&amp;Edit</translation>
    </message>
    <message>
      <source>视图(&amp;V)</source>
      <translation>&amp;View</translation>
    </message>
    <message>
      <source>记录走访</source>
      <translation>Log a visit</translation>
    </message>
    <message>
      <source>设置</source>
      <translation>Settings</translation>
    </message>
    <message>
      <source>转移…</source>
      <translation>Transfers…</translation>
    </message>
    <message>
      <source>退出</source>
      <translation>Quit</translation>
    </message>
    <message>
      <source>锁定</source>
      <translation>Lock</translation>
    </message>
  </context>
  <context>
    <name>messages</name>
    <message>
      <source>Excel 把证件号码存成了数字，只保留了前15位（{kept}），后{lost}位已丢失：请把该列设为文本格式，对照证件重新输入</source>
      <translation>Excel stored the ID number as a number and kept only its first 15 digits ({kept}); the last {lost} are lost: format the column as text and type the number again</translation>
    </message>
    <message>
      <source>{field}{value}在十年之后，请检查</source>
      <translation>{field} {value} is more than ten years ahead: please check it</translation>
    </message>
    <message>
      <source>{field}{value}早于发现问题的日期{found_on}，请检查</source>
      <translation>{field} {value} is before the problem was found ({found_on})</translation>
    </message>
    <message>
      <source>{field}{value}早于登记日期{registered_on}，请检查</source>
      <translation>{field} {value} is before the registration ({registered_on})</translation>
    </message>
    <message>
      <source>{field}{value}晚于今天，不能记录尚未发生的事</source>
      <translation>{field} {value} is after today: nothing can be recorded before it happens</translation>
    </message>
    <message>
      <source>{field}“{value}”不是有效日期（格式：2026-07-01）</source>
      <translation>{field} '{value}' is not a date (use 2026-07-01)</translation>
    </message>
    <message>
      <source>{field}“{value}”只有年月，缺少日，请补全（如 2016-07-01）</source>
      <translation>{field} '{value}' has a year and month but no day (use 2016-07-01)</translation>
    </message>
    <message>
      <source>{field}中不能含有网页标记（如&lt;script&gt;）</source>
      <translation>{field} must not contain markup such as &lt;script&gt;</translation>
    </message>
    <message>
      <source>{field}含有不可见的控制字符</source>
      <translation>{field} contains control characters</translation>
    </message>
    <message>
      <source>{field}应为{low}到{high}之间的整数</source>
      <translation>{field} must be a whole number from {low} to {high}</translation>
    </message>
    <message>
      <source>{field}必须填写</source>
      <translation>{field} is required</translation>
    </message>
    <message>
      <source>{field}早于儿童出生日期</source>
      <translation>{field} is before the child's birth</translation>
    </message>
    <message>
      <source>{field}早于开始日期，请检查</source>
      <translation>{field} comes before the start date</translation>
    </message>
    <message>
      <source>{field}未填写</source>
      <translation>{field} is empty</translation>
    </message>
    <message>
      <source>{field}的值类型不对</source>
      <translation>{field} holds a value of the wrong kind</translation>
    </message>
    <message>
      <source>{field}的取值“{value}”不在可选范围内</source>
      <translation>'{value}' is not an allowed value of {field}</translation>
    </message>
    <message>
      <source>{field}过长：最多{max}个字，现有{length}个</source>
      <translation>{field} is too long: at most {max}, got {length}</translation>
    </message>
    <message>
      <source>“{value}”不是本乡镇（{township}）的村</source>
      <translation>'{value}' is not a village of this township ({township})</translation>
    </message>
    <message>
      <source>不是恢复密钥或恢复文件，或文件已损坏（{reason}），档案库未作任何改动</source>
      <translation>not a recovery key or recovery file, or a damaged one ({reason}); the store was not changed</translation>
    </message>
    <message>
      <source>不足8个字符</source>
      <translation>shorter than 8 characters</translation>
    </message>
    <message>
      <source>出生日期与证件号码不一致（号码显示{from_id}）</source>
      <translation>birth date differs from the ID number ({from_id})</translation>
    </message>
    <message>
      <source>列对照有误：{reason}</source>
      <translation>the column mapping is not valid: {reason}</translation>
    </message>
    <message>
      <source>劝返日期{value}早于辍学日期{left_on}，请检查</source>
      <translation>the persuasion date {value} is before the child left school ({left_on})</translation>
    </message>
    <message>
      <source>勾选了“无变化”，就不能再勾选其他变化</source>
      <translation>'no change' cannot be ticked with a change</translation>
    </message>
    <message>
      <source>区划代码“{value}”与角色不符：儿童主任填本村12位代码，儿童督导员填本乡镇9位代码</source>
      <translation>region code '{value}' does not fit the role: a director gives the village's 12 digits, a supervisor the township's 9</translation>
    </message>
    <message>
      <source>区划代码“{value}”无效（村级应为12位数字）</source>
      <translation>region code '{value}' is not valid (a village has 12 digits)</translation>
    </message>
    <message>
      <source>县级口令不正确，档案库未作任何改动</source>
      <translation>wrong county passphrase; the store was not changed</translation>
    </message>
    <message>
      <source>县级政策设置有误：{reason}</source>
      <translation>the county policy is not valid: {reason}</translation>
    </message>
    <message>
      <source>口令不正确（或该文件不是儿童档案库），文件未作任何改动</source>
      <translation>wrong passphrase (or not a store); the file was not changed</translation>
    </message>
    <message>
      <source>口令太弱：{reason}。好的口令由三四个互不相关的词组成（拼音或英文都可以），用符号隔开，如 shuitong-yueliang-caomao-7；不要用姓名、生日、电话号码或常见口令</source>
      <translation>passphrase too weak: {reason}. A good one is three or four unrelated words (pinyin or English) joined by a sign, like shuitong-yueliang-caomao-7; no names, birthdays, phone numbers or common passwords</translation>
    </message>
    <message>
      <source>只能转移到本县的另一个村（“{value}”不行）</source>
      <translation>a child moves to another village of the same county ('{value}' is not one)</translation>
    </message>
    <message>
      <source>含有日期（如生日），很容易被猜中</source>
      <translation>it holds a date, such as a birthday</translation>
    </message>
    <message>
      <source>含有档案库名称、村代码或使用人姓名</source>
      <translation>it holds the store's name, the village code or the user's name</translation>
    </message>
    <message>
      <source>含有连续的数字或字母（如12345、abcde）</source>
      <translation>it has a run such as 12345 or abcde</translation>
    </message>
    <message>
      <source>含有重复的字符或片段（如8888、abcabc）</source>
      <translation>it repeats characters or pieces (8888, abcabc)</translation>
    </message>
    <message>
      <source>备份文件不完整或已损坏：{path}</source>
      <translation>the backup is incomplete or damaged: {path}</translation>
    </message>
    <message>
      <source>备份文件就是当前档案库本身，请选择另一个备份文件</source>
      <translation>the backup is the store itself; choose another backup file</translation>
    </message>
    <message>
      <source>太短或太简单，很容易被猜中</source>
      <translation>too short or too simple</translation>
    </message>
    <message>
      <source>季度“{value}”无效（格式：2026Q4）</source>
      <translation>'{value}' is not a quarter (use 2026Q4)</translation>
    </message>
    <message>
      <source>工作簿中没有工作表“{sheet}”（有：{sheets}）</source>
      <translation>the workbook has no sheet '{sheet}' (it has: {sheets})</translation>
    </message>
    <message>
      <source>工作表“{sheet}”的前{rows}行里找不到表头（需要有“姓名”列）</source>
      <translation>no header row with a name column in the first {rows} rows of sheet '{sheet}'</translation>
    </message>
    <message>
      <source>已取消，没有作任何改动</source>
      <translation>cancelled; nothing was changed</translation>
    </message>
    <message>
      <source>当前状态（{state}）下不能进行此操作</source>
      <translation>not possible in the record's current state ({state})</translation>
    </message>
    <message>
      <source>性别与证件号码不一致</source>
      <translation>sex differs from the ID number</translation>
    </message>
    <message>
      <source>恢复文件中的密钥已打不开该档案库（口令在此后更换过），档案库未作任何改动</source>
      <translation>the recovery file's keys no longer open the store (its passphrase changed since); the store was not changed</translation>
    </message>
    <message>
      <source>所选范围内没有可打印的儿童，没有生成文件</source>
      <translation>no child to print in what was chosen; no file was written</translation>
    </message>
    <message>
      <source>找不到档案库文件：{path}</source>
      <translation>no store at {path}</translation>
    </message>
    <message>
      <source>找不到该记录（{what}）</source>
      <translation>no such record ({what})</translation>
    </message>
    <message>
      <source>文件已存在，不会覆盖：{path}</source>
      <translation>{path} already exists; not overwritten</translation>
    </message>
    <message>
      <source>无法写入该位置（只读或无权限）</source>
      <translation>cannot write there (read-only or no permission)</translation>
    </message>
    <message>
      <source>无法读取该文件（{reason}）：请确认它是完整的 Excel .xlsx 文件</source>
      <translation>cannot read this file ({reason}); is it a complete Excel .xlsx file?</translation>
    </message>
    <message>
      <source>是常见口令或常用词，很容易被猜中</source>
      <translation>it is a common password or word</translation>
    </message>
    <message>
      <source>是键盘上相邻的键（如qwerty、1qaz2wsx）</source>
      <translation>it is a run of neighbouring keys (qwerty, 1qaz2wsx)</translation>
    </message>
    <message>
      <source>本机使用人的角色和区划不能进行此操作</source>
      <translation>the role and region of this laptop's user may not do this</translation>
    </message>
    <message>
      <source>本机已在县服务器登记为 {scope} 的{role}：角色和区划以县里的登记为准</source>
      <translation>this laptop is enrolled at the county server for {scope} as {role}: the role and region are the county's</translation>
    </message>
    <message>
      <source>本档案库没有村“{value}”的儿童档案</source>
      <translation>this store holds no child of the village '{value}'</translation>
    </message>
    <message>
      <source>校验位不符（按前17位应为{expected}），请逐位核对证件</source>
      <translation>wrong check digit (the first 17 give {expected}); check each digit against the card</translation>
    </message>
    <message>
      <source>核实日期{value}不在{quarter}内（{first}至{last}）</source>
      <translation>the date {value} is not in {quarter} ({first} to {last})</translation>
    </message>
    <message>
      <source>档案中有{count}名同名儿童，本行没有证件号码和出生日期可以区分：请补填后再导入</source>
      <translation>{count} children on file share this name and the row has no ID number or birth date to tell them apart: add one and import again</translation>
    </message>
    <message>
      <source>档案库完整性检查未通过，请从备份恢复</source>
      <translation>the store failed its integrity check; restore a backup</translation>
    </message>
    <message>
      <source>档案库正被另一个程序使用，请关闭后重试</source>
      <translation>the store is in use by another program; close it and retry</translation>
    </message>
    <message>
      <source>此人已退出名册，不再记录走访</source>
      <translation>this person has left the roster: no more visits</translation>
    </message>
    <message>
      <source>此私钥打不开该档案库：它封存给了县级恢复密钥 {sealed}，档案库未作任何改动</source>
      <translation>this private key does not open the store: it is sealed to county key {sealed}; the store was not changed</translation>
    </message>
    <message>
      <source>没有“{field}”这个字段</source>
      <translation>there is no field '{field}'</translation>
    </message>
    <message>
      <source>没有该档案库的恢复文件（{path}），县里也无法打开它</source>
      <translation>no recovery file for this store ({path}); the county cannot open it either</translation>
    </message>
    <message>
      <source>电话号码“{value}”无效：手机为11位，座机需带区号</source>
      <translation>phone '{value}' is not valid: mobiles have 11 digits, landlines need the area code</translation>
    </message>
    <message>
      <source>留守妇女应为女性，请检查性别</source>
      <translation>a left-behind woman must be female</translation>
    </message>
    <message>
      <source>留守老年人应年满{min}周岁，请检查出生日期</source>
      <translation>a left-behind elder must be {min} or older</translation>
    </message>
    <message>
      <source>磁盘已满或无法写入，本次修改未保存，原有数据完好</source>
      <translation>the disk is full or failing; this change was not saved, earlier data is intact</translation>
    </message>
    <message>
      <source>示范档案库里是虚构的儿童，不能登记或同步到县服务器：请新建档案库，录入真实信息后再登记</source>
      <translation>the demo store holds invented children and is never enrolled or synced with a county server: create a new store for real records, then enroll it</translation>
    </message>
    <message>
      <source>结束日期{value}早于最近一次联系日期{last}，请检查</source>
      <translation>the end date {value} is before the latest contact ({last})</translation>
    </message>
    <message>
      <source>联系日期{value}不在结对期间（{since}—{until}），请检查</source>
      <translation>the contact date {value} is outside the pairing ({since}–{until})</translation>
    </message>
    <message>
      <source>证件号码中的出生日期{birth_date}晚于今天</source>
      <translation>the birth date {birth_date} in the ID number is after today</translation>
    </message>
    <message>
      <source>证件号码中的出生日期“{digits}”不存在</source>
      <translation>the birth date '{digits}' in the ID number does not exist</translation>
    </message>
    <message>
      <source>证件号码前两位“{prefix}”不是有效的省份代码</source>
      <translation>the first two digits '{prefix}' are not a province code</translation>
    </message>
    <message>
      <source>证件号码只能包含数字，最后一位可以是X</source>
      <translation>an ID number holds digits only, with an optional final X</translation>
    </message>
    <message>
      <source>证件号码应为18位（或旧版15位），现为{length}位</source>
      <translation>an ID number has 18 characters (or 15 for old ones), not {length}</translation>
    </message>
    <message>
      <source>该儿童{quarter}已于{day}核实，每季度只记一次：请修改原记录</source>
      <translation>the child was verified for {quarter} on {day}; one a quarter: edit that record</translation>
    </message>
    <message>
      <source>该儿童不是困境儿童，无需季度核实</source>
      <translation>the child is not a child in difficulty: no quarterly verification is needed</translation>
    </message>
    <message>
      <source>该儿童仍在册</source>
      <translation>the child is still on the roster</translation>
    </message>
    <message>
      <source>该儿童已有此类别，且尚未退出</source>
      <translation>the child already holds this category</translation>
    </message>
    <message>
      <source>该儿童已满{limit}周岁，不能认定为此类别</source>
      <translation>the child is {limit} or older and cannot hold this category</translation>
    </message>
    <message>
      <source>该儿童已退出，请先办理重新纳入</source>
      <translation>the child has exited; re-enter first</translation>
    </message>
    <message>
      <source>该恢复文件属于另一个档案库，档案库未作任何改动</source>
      <translation>this recovery file belongs to another store; the store was not changed</translation>
    </message>
    <message>
      <source>该文件不是儿童档案库或已损坏（{reason}）</source>
      <translation>this file is not a store, or it is damaged ({reason})</translation>
    </message>
    <message>
      <source>该档案库由更新版本的软件创建（版本{revision}），请先升级本软件</source>
      <translation>this store was written by a newer version ({revision}); update this program first</translation>
    </message>
    <message>
      <source>该线索已处理或已结案（{state}）</source>
      <translation>the clue was already handled or closed ({state})</translation>
    </message>
    <message>
      <source>该结对帮扶已结束（{until}），不再记录联系或再次结束</source>
      <translation>the pairing ended on {until}: no more contacts, and it cannot end again</translation>
    </message>
    <message>
      <source>该证件号码已登记在儿童“{existing}”名下，与本行姓名不同，请核对</source>
      <translation>this ID number is already on the file of '{existing}', a different name; please check</translation>
    </message>
    <message>
      <source>该证件号码已登记在另一名儿童的档案中</source>
      <translation>this ID number is already on another child's file</translation>
    </message>
    <message>
      <source>该辍学记录已返校或已书面报告，不再记录劝返</source>
      <translation>the child is back at school or the dropout was reported: no more persuasion</translation>
    </message>
    <message>
      <source>该问题已结案，不能再记录跟进或结案</source>
      <translation>the problem is closed: no more steps, nor a second closing</translation>
    </message>
    <message>
      <source>请先选择线索涉及的儿童（未建档的请先建档）</source>
      <translation>choose the child the clue concerns first (register a child not yet on file)</translation>
    </message>
    <message>
      <source>请选择{field}</source>
      <translation>choose the {field}</translation>
    </message>
    <message>
      <source>这不是本系统打印的协议二维码</source>
      <translation>this is not an agreement code printed by this program</translation>
    </message>
    <message>
      <source>这两份档案不都在本机（跨乡镇的疑似重复由县级民政处理）</source>
      <translation>this laptop does not hold both files (a pair across townships is the county's)</translation>
    </message>
    <message>
      <source>这是旧版 Excel（.xls）或其他格式的文件：请在 Excel 或 WPS 中“另存为” .xlsx 后再导入</source>
      <translation>this is an old Excel (.xls) or other file: save it as .xlsx in Excel or WPS first</translation>
    </message>
    <message>
      <source>；</source>
      <translation>; </translation>
    </message>
  </context>
  <context>
    <name>print</name>
    <message>
      <source>%v / %m 名</source>
      <translation>%v / %m children</translation>
    </message>
    <message>
      <source>一致：与档案库中的协议相符（{name}，{state}）。</source>
      <translation>Matches the agreement in the store ({name}, {state}).</translation>
    </message>
    <message>
      <source>不一致：打印后档案库中的协议已修改（{name}），请以档案库为准重新打印。</source>
      <translation>Does not match: the agreement was changed after printing ({name}); print it again from the store.</translation>
    </message>
    <message>
      <source>仅用于儿童档案</source>
      <translation>For the child's file only</translation>
    </message>
    <message>
      <source>儿童</source>
      <translation>Child</translation>
    </message>
    <message>
      <source>儿童关爱服务名单（张贴公示用）</source>
      <translation>List of children cared for (for the notice board)</translation>
    </message>
    <message>
      <source>儿童档案</source>
      <translation>Child file</translation>
    </message>
    <message>
      <source>儿童花名册（内部，不得张贴）</source>
      <translation>Roster (internal, not for posting)</translation>
    </message>
    <message>
      <source>全乡镇</source>
      <translation>Whole township</translation>
    </message>
    <message>
      <source>全部</source>
      <translation>All</translation>
    </message>
    <message>
      <source>全部儿童档案…</source>
      <translation>Every child's file…</translation>
    </message>
    <message>
      <source>共 {n} 页。</source>
      <translation>{n} pages.</translation>
    </message>
    <message>
      <source>包含强制报告（保密）</source>
      <translation>Include mandatory reports (confidential)</translation>
    </message>
    <message>
      <source>协议书、走访记录表、档案：按村或为名册中选中的儿童打印，合并为一个 PDF 或每人一个 PDF。“全部儿童档案…”把每名在册儿童的档案各存为一个 PDF。</source>
      <translation>Agreements, visit sheets, files: print them by village or for the children chosen in the roster, as one merged PDF or one PDF per child. “Every child's file…” saves each child's file on the roll as a PDF of its own.</translation>
    </message>
    <message>
      <source>协议书由各方签署，签署人和儿童的证件号码完整打印</source>
      <translation>The agreement is signed by the parties: the signers' and the child's ID numbers print in full</translation>
    </message>
    <message>
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>另存为PDF</source>
      <translation>Save as PDF</translation>
    </message>
    <message>
      <source>另存为PDF…</source>
      <translation>Save as PDF…</translation>
    </message>
    <message>
      <source>在左边选择文书和儿童，然后点击“预览”，文书就显示在这里。</source>
      <translation>Choose a document and a child on the left, then click “Preview”: the document shows here.</translation>
    </message>
    <message>
      <source>委托照护协议书（一式三份）</source>
      <translation>Entrusted-care agreement (three copies)</translation>
    </message>
    <message>
      <source>已保存：{path}</source>
      <translation>Saved: {path}</translation>
    </message>
    <message>
      <source>已发送到打印机，共 {n} 页。</source>
      <translation>Sent to the printer: {n} pages.</translation>
    </message>
    <message>
      <source>已取消：已输出 {n} 份，其余未输出。</source>
      <translation>Cancelled: {n} written, the rest not.</translation>
    </message>
    <message>
      <source>已输出 {n} 份儿童档案。</source>
      <translation>{n} child files written.</translation>
    </message>
    <message>
      <source>当前角色无权打印强制报告</source>
      <translation>Your role may not print mandatory reports</translation>
    </message>
    <message>
      <source>打印…</source>
      <translation>Print…</translation>
    </message>
    <message>
      <source>打印文书</source>
      <translation>Print a document</translation>
    </message>
    <message>
      <source>扫描或粘贴二维码内容（CCA1|…）</source>
      <translation>Scan or paste the QR code text (CCA1|…)</translation>
    </message>
    <message>
      <source>批量打印</source>
      <translation>Batch printing</translation>
    </message>
    <message>
      <source>批量打印…</source>
      <translation>Batch printing…</translation>
    </message>
    <message>
      <source>文书</source>
      <translation>Document</translation>
    </message>
    <message>
      <source>显示完整证件号码（默认遮盖中间数字）</source>
      <translation>Show full ID numbers (masked by default)</translation>
    </message>
    <message>
      <source>月份</source>
      <translation>Month</translation>
    </message>
    <message>
      <source>月度工作报告</source>
      <translation>Monthly work report</translation>
    </message>
    <message>
      <source>核对</source>
      <translation>Check</translation>
    </message>
    <message>
      <source>核对协议书二维码</source>
      <translation>Check an agreement QR code</translation>
    </message>
    <message>
      <source>档案库中没有这份协议（可能属于其他村，或尚未同步）。</source>
      <translation>This agreement is not in the store (another village, or not yet synced).</translation>
    </message>
    <message>
      <source>正在取消，当前这名儿童完成后停止…</source>
      <translation>Cancelling: stopping after the current child…</translation>
    </message>
    <message>
      <source>正在打印…</source>
      <translation>Printing…</translation>
    </message>
    <message>
      <source>正在生成…</source>
      <translation>Preparing…</translation>
    </message>
    <message>
      <source>正在输出…</source>
      <translation>Writing…</translation>
    </message>
    <message>
      <source>汇总表</source>
      <translation>Summary table</translation>
    </message>
    <message>
      <source>注意：该协议目前不在有效期内。</source>
      <translation>Note: this agreement is not in force now.</translation>
    </message>
    <message>
      <source>范围</source>
      <translation>Area</translation>
    </message>
    <message>
      <source>请先选择一名儿童。</source>
      <translation>Choose a child first.</translation>
    </message>
    <message>
      <source>走访记录表（空白，预填姓名）</source>
      <translation>Visit sheet (blank, name filled in)</translation>
    </message>
    <message>
      <source>选择输出文件夹</source>
      <translation>Choose the output folder</translation>
    </message>
    <message>
      <source>预览</source>
      <translation>Preview</translation>
    </message>
  </context>
  <context>
    <name>quarterly</name>
    <message>
      <source>{year}年{quarter}</source>
      <translation>{quarter} {year}</translation>
    </message>
    <message>
      <source>保存季度核实报告</source>
      <translation>Save quarterly verification report</translation>
    </message>
    <message>
      <source>列出本村每名困境儿童本季度是否已核实、家庭情况变化和待遇问题，签字盖章后报乡镇人民政府。</source>
      <translation>Lists each child in difficulty of the village: verified this quarter or not, changes in the family and benefit issues. Sign, stamp and send it to the township government.</translation>
    </message>
    <message>
      <source>另存为PDF…</source>
      <translation>Save as PDF…</translation>
    </message>
    <message>
      <source>困境儿童季度核实报告-{quarter}.pdf</source>
      <translation>quarterly-verification-{quarter}.pdf</translation>
    </message>
    <message>
      <source>季度</source>
      <translation>Quarter</translation>
    </message>
    <message>
      <source>已保存季度核实报告：{path}</source>
      <translation>Quarterly verification report saved: {path}</translation>
    </message>
    <message>
      <source>打印季度核实报告</source>
      <translation>Print quarterly verification report</translation>
    </message>
    <message>
      <source>第一季度</source>
      <translation>Q1</translation>
    </message>
    <message>
      <source>第三季度</source>
      <translation>Q3</translation>
    </message>
    <message>
      <source>第二季度</source>
      <translation>Q2</translation>
    </message>
    <message>
      <source>第四季度</source>
      <translation>Q4</translation>
    </message>
  </context>
  <context>
    <name>review</name>
    <message>
      <source> 等</source>
      <translation> and more</translation>
    </message>
    <message>
      <source>{kind}　{name}（{who} {day}）</source>
      <translation>{kind}, {name} ({who} {day})</translation>
    </message>
    <message>
      <source>另有 {n} 项未列出</source>
      <translation>{n} more not listed</translation>
    </message>
    <message>
      <source>审核由乡镇儿童督导员进行。</source>
      <translation>Reviews are done by the township supervisor.</translation>
    </message>
    <message>
      <source>审核退回 {n} 项：请按督导员的意见改正</source>
      <translation>{n} returned by review: please correct as the supervisor asks</translation>
    </message>
    <message>
      <source>审核通过 {n} 项：{items}</source>
      <translation>{n} approved: {items}</translation>
    </message>
    <message>
      <source>已修改，等待复审</source>
      <translation>Corrected, waiting for review again</translation>
    </message>
    <message>
      <source>已按退回意见修改（{comment}）</source>
      <translation>Corrected after being returned ({comment})</translation>
    </message>
    <message>
      <source>待审核 {n} 项</source>
      <translation>{n} waiting for review</translation>
    </message>
    <message>
      <source>打开档案</source>
      <translation>Open file</translation>
    </message>
    <message>
      <source>没有待审核的事项。本机首次同步之后村里新做的登记、退出、评估和协议会在这里等待审核。</source>
      <translation>Nothing is waiting for review. Registrations, exits, assessments and agreements made in the villages after this laptop's first sync wait here for review.</translation>
    </message>
    <message>
      <source>退回的事项已修改，等待督导员复审</source>
      <translation>The returned items have been corrected and wait for the supervisor's review</translation>
    </message>
  </context>
  <context>
    <name>roles</name>
    <message>
      <source>儿童主任</source>
      <translation>child director</translation>
    </message>
    <message>
      <source>儿童督导员</source>
      <translation>child supervisor</translation>
    </message>
    <message>
      <source>县级民政（查看）</source>
      <translation>county civil affairs (viewer)</translation>
    </message>
    <message>
      <source>县级民政（管理）</source>
      <translation>county civil affairs (administrator)</translation>
    </message>
  </context>
  <context>
    <name>roster</name>
    <message>
      <source>显示 {shown} / 共 {total} 名</source>
      <translation>Showing {shown} of {total}</translation>
    </message>
    <message>
      <source>正在读取名册…</source>
      <translation>Reading the roster…</translation>
    </message>
    <message>
      <source>没有找到“{text}”。可以输入姓名、拼音首字母（如 zs）或证件号码的一部分；也请看看上方的筛选条件（如“在册”“仅逾期”）。</source>
      <translation>Nothing found for “{text}”. Type a name, pinyin initials (e.g. zs) or part of an ID number; also check the filters above (e.g. “On roster”, “Overdue only”).</translation>
    </message>
    <message>
      <source>没有符合筛选条件的儿童。把上方的筛选改为“全部…”再看看。</source>
      <translation>No child matches the filters. Set the filters above to “All…” and look again.</translation>
    </message>
    <message>
      <source>还没有儿童档案。点击“新建儿童”或“导入台账…”开始。</source>
      <translation>No child files yet. Click “New child” or “Import ledger…” to start.</translation>
    </message>
  </context>
  <context>
    <name>settings</name>
    <message>
      <source> 分钟（0 为不锁定）</source>
      <translation> minutes (0: never lock)</translation>
    </message>
    <message>
      <source>12位统计用区划代码</source>
      <translation>12-digit statistical division code</translation>
    </message>
    <message>
      <source>9位统计用区划代码</source>
      <translation>9-digit statistical division code</translation>
    </message>
    <message>
      <source>“本机使用人”中填写的内容还没有保存。</source>
      <translation>What is typed under "Who uses this computer" is not saved yet.</translation>
    </message>
    <message>
      <source>两次输入的新口令不一致。</source>
      <translation>The two new passphrases differ.</translation>
    </message>
    <message>
      <source>乡镇（街道）名称</source>
      <translation>Township (subdistrict) name</translation>
    </message>
    <message>
      <source>从备份恢复</source>
      <translation>Restore from a backup</translation>
    </message>
    <message>
      <source>从备份恢复…</source>
      <translation>Restore from a backup…</translation>
    </message>
    <message>
      <source>保存使用人信息</source>
      <translation>Save user details</translation>
    </message>
    <message>
      <source>再输入一次</source>
      <translation>Type it again</translation>
    </message>
    <message>
      <source>县（市、区）名称</source>
      <translation>County (city, district) name</translation>
    </message>
    <message>
      <source>口令已更换。下次解锁请用新口令；以前的备份仍用旧口令打开。</source>
      <translation>Passphrase changed. Unlock with the new one from now on; earlier backups still open with the old one.</translation>
    </message>
    <message>
      <source>备份 {name} 检查通过，含 {n} 名儿童的档案。
用它替换当前档案库吗？当前档案库不会删除，改名保留为 {store}.before-restore-日期时间。
备份之后录入的内容不在备份里。</source>
      <translation>The backup {name} passed its checks and holds the files of {n} children.
Replace the current store with it? The current store is not deleted: it is kept as {store}.before-restore-date-time.
What was entered after the backup is not in it.</translation>
    </message>
    <message>
      <source>备份 {name} 的口令（做备份时档案库的口令）：</source>
      <translation>Passphrase of the backup {name} (the store's passphrase when the backup was made):</translation>
    </message>
    <message>
      <source>备份到</source>
      <translation>Back up to</translation>
    </message>
    <message>
      <source>大字模式</source>
      <translation>Large text</translation>
    </message>
    <message>
      <source>如：柳溪村（协议的丙方）</source>
      <translation>e.g. 柳溪村 (party C of agreements)</translation>
    </message>
    <message>
      <source>如：示范县</source>
      <translation>e.g. 示范县</translation>
    </message>
    <message>
      <source>如：青石镇</source>
      <translation>e.g. 青石镇</translation>
    </message>
    <message>
      <source>导出全部档案（JSON，供县里汇总）…</source>
      <translation>Export all files (JSON, for the county)…</translation>
    </message>
    <message>
      <source>导出到</source>
      <translation>Export to</translation>
    </message>
    <message>
      <source>导出登记表和花名册（Excel）…</source>
      <translation>Export register and roster (Excel)…</translation>
    </message>
    <message>
      <source>已从备份恢复。原档案库改名保留为 {kept}。</source>
      <translation>Restored from the backup. The previous store was kept as {kept}.</translation>
    </message>
    <message>
      <source>已保存。</source>
      <translation>Saved.</translation>
    </message>
    <message>
      <source>已备份到 {path}。备份使用同一口令。</source>
      <translation>Backed up to {path}. The backup uses the same passphrase.</translation>
    </message>
    <message>
      <source>已导出 {n} 名儿童的档案到 {path}。文件未加密，请妥善保管。</source>
      <translation>Exported the files of {n} children to {path}. The file is not encrypted: keep it safe.</translation>
    </message>
    <message>
      <source>当前口令</source>
      <translation>Current passphrase</translation>
    </message>
    <message>
      <source>您的姓名</source>
      <translation>Your name</translation>
    </message>
    <message>
      <source>报送乡镇、县用：登记表含完整证件号码，花名册遮盖证件号码</source>
      <translation>For the township and county: the register has full ID numbers, the roster masks them</translation>
    </message>
    <message>
      <source>放大全部文字，便于阅读</source>
      <translation>Make all text larger, easier to read</translation>
    </message>
    <message>
      <source>新口令</source>
      <translation>New passphrase</translation>
    </message>
    <message>
      <source>无操作自动锁定</source>
      <translation>Lock when idle</translation>
    </message>
    <message>
      <source>更换</source>
      <translation>Change</translation>
    </message>
    <message>
      <source>更换口令</source>
      <translation>Change passphrase</translation>
    </message>
    <message>
      <source>更换口令…</source>
      <translation>Change passphrase…</translation>
    </message>
    <message>
      <source>更换后，以前的备份仍用旧口令打开；请记牢新口令。</source>
      <translation>Afterwards, earlier backups still open with the old passphrase; remember the new one.</translation>
    </message>
    <message>
      <source>替换为备份</source>
      <translation>Replace with the backup</translation>
    </message>
    <message>
      <source>本乡镇区划代码</source>
      <translation>Township's division code</translation>
    </message>
    <message>
      <source>本机使用人</source>
      <translation>Who uses this computer</translation>
    </message>
    <message>
      <source>本村区划代码</source>
      <translation>Village's division code</translation>
    </message>
    <message>
      <source>村（社区）名称</source>
      <translation>Village (community) name</translation>
    </message>
    <message>
      <source>档案库位置</source>
      <translation>Store location</translation>
    </message>
    <message>
      <source>档案库备份 (*.db);;所有文件 (*)</source>
      <translation>Store backups (*.db);;All files (*)</translation>
    </message>
    <message>
      <source>正在备份，请稍候…</source>
      <translation>Backing up, please wait…</translation>
    </message>
    <message>
      <source>正在导出，请稍候…</source>
      <translation>Exporting, please wait…</translation>
    </message>
    <message>
      <source>正在恢复，请稍候…</source>
      <translation>Restoring, please wait…</translation>
    </message>
    <message>
      <source>正在更换口令，请稍候…</source>
      <translation>Changing the passphrase, please wait…</translation>
    </message>
    <message>
      <source>正在检查备份，请稍候…</source>
      <translation>Checking the backup, please wait…</translation>
    </message>
    <message>
      <source>界面语言</source>
      <translation>Language</translation>
    </message>
    <message>
      <source>界面语言将在重新启动后生效。</source>
      <translation>The language changes the next time the program starts.</translation>
    </message>
    <message>
      <source>示范档案库不自动锁定</source>
      <translation>The demo store does not lock itself</translation>
    </message>
    <message>
      <source>示范档案库的使用人是虚构的，不能修改；示范档案库也不会自动锁定。</source>
      <translation>The demo store's user is invented and cannot be changed; the demo store does not lock itself either.</translation>
    </message>
    <message>
      <source>立即备份…</source>
      <translation>Back up now…</translation>
    </message>
    <message>
      <source>角色</source>
      <translation>Role</translation>
    </message>
    <message>
      <source>请先填写您的姓名和乡镇（街道）：走访记录和打印的文书都要用到。</source>
      <translation>First fill in your name and your township: visit records and printed documents use them.</translation>
    </message>
    <message>
      <source>请先填写您的姓名和村（社区）：走访记录、协议和打印的文书都要用到。</source>
      <translation>Please first fill in your name and village (community): visit records, agreements and printed documents use them.</translation>
    </message>
    <message>
      <source>请输入当前口令。</source>
      <translation>Type the current passphrase.</translation>
    </message>
    <message>
      <source>走访、评估、打印时署名</source>
      <translation>Signs visits, assessments and printouts</translation>
    </message>
    <message>
      <source>选择备份文件</source>
      <translation>Choose a backup file</translation>
    </message>
  </context>
  <context>
    <name>spot</name>
    <message>
      <source>{child}：{problem}</source>
      <translation>{child}: {problem}</translation>
    </message>
    <message>
      <source>县级抽查问题</source>
      <translation>County spot-check finding</translation>
    </message>
    <message>
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>已整改</source>
      <translation>Fixed</translation>
    </message>
    <message>
      <source>问题已经整改了吗？标记为已整改后，下次同步时会报告县民政局。</source>
      <translation>Has the problem been fixed? Once marked fixed, the next sync reports it to the county civil affairs bureau.</translation>
    </message>
  </context>
  <context>
    <name>stores</name>
    <message>
      <source>{file}（尚未打开过）</source>
      <translation>{file} (not opened yet)</translation>
    </message>
    <message>
      <source>上次打开 {when}</source>
      <translation>last opened {when}</translation>
    </message>
    <message>
      <source>从列表中移除</source>
      <translation>Remove from list</translation>
    </message>
    <message>
      <source>儿童主任</source>
      <translation>Child director</translation>
    </message>
    <message>
      <source>儿童督导员</source>
      <translation>Child supervisor</translation>
    </message>
    <message>
      <source>县级民政（查看）</source>
      <translation>County civil affairs (view)</translation>
    </message>
    <message>
      <source>县级民政（管理）</source>
      <translation>County civil affairs (admin)</translation>
    </message>
    <message>
      <source>只从本机列表中移除，不删除档案库文件。</source>
      <translation>Removes it from this PC's list only; the store file is not deleted.</translation>
    </message>
    <message>
      <source>尚未在本机打开</source>
      <translation>not opened on this PC yet</translation>
    </message>
    <message>
      <source>找不到档案库文件（已移动或删除）</source>
      <translation>store file not found (moved or deleted)</translation>
    </message>
  </context>
  <context>
    <name>suggest</name>
    <message>
      <source>{who}外出起始时间</source>
      <translation>when {who} left</translation>
    </message>
    <message>
      <source>{who}是否健在</source>
      <translation>whether {who} is alive</translation>
    </message>
    <message>
      <source>{who}是否外出务工</source>
      <translation>whether {who} works away</translation>
    </message>
    <message>
      <source>{who}是否跨县外出</source>
      <translation>whether {who} works outside the county</translation>
    </message>
    <message>
      <source>{who}残疾等级</source>
      <translation>{who}'s disability grade</translation>
    </message>
    <message>
      <source>{who}监护能力情况</source>
      <translation>{who}'s capacity as guardian</translation>
    </message>
    <message>
      <source>{who}该情形的起始时间</source>
      <translation>since when {who} has been so</translation>
    </message>
    <message>
      <source>不再认定</source>
      <translation>End</translation>
    </message>
    <message>
      <source>出生日期</source>
      <translation>date of birth</translation>
    </message>
    <message>
      <source>已超过该类别的年龄</source>
      <translation>past the category's age</translation>
    </message>
    <message>
      <source>忽略</source>
      <translation>Dismiss</translation>
    </message>
    <message>
      <source>户口性质</source>
      <translation>hukou type</translation>
    </message>
    <message>
      <source>按登记的情况，已不再符合{category}</source>
      <translation>By the facts recorded, no longer {category}</translation>
    </message>
    <message>
      <source>按登记的情况，应认定为{category}</source>
      <translation>By the facts recorded, should be recognised as {category}</translation>
    </message>
    <message>
      <source>按登记的情况，无法确认是否仍符合{category}</source>
      <translation>By the facts recorded, cannot confirm {category}</translation>
    </message>
    <message>
      <source>按登记的情况：{reason}</source>
      <translation>By the facts recorded: {reason}</translation>
    </message>
    <message>
      <source>未采集：{facts}</source>
      <translation>not collected: {facts}</translation>
    </message>
    <message>
      <source>母亲</source>
      <translation>the mother</translation>
    </message>
    <message>
      <source>父亲</source>
      <translation>the father</translation>
    </message>
    <message>
      <source>登记的户口不是农村居民户口</source>
      <translation>the hukou recorded is not rural</translation>
    </message>
    <message>
      <source>登记的父母一方跨县外出务工已满规定月数，另一方无监护能力</source>
      <translation>one parent recorded as working outside the county for the months required, the other unable to act as guardian</translation>
    </message>
    <message>
      <source>登记的父母双方均已死亡或失踪</source>
      <translation>both parents recorded as dead or missing</translation>
    </message>
    <message>
      <source>登记的父母双方均已死亡或失踪，应按孤儿认定</source>
      <translation>both parents recorded as dead or missing: an orphan instead</translation>
    </message>
    <message>
      <source>登记的父母双方均跨县外出务工已满规定月数</source>
      <translation>both parents recorded as working outside the county for the months required</translation>
    </message>
    <message>
      <source>登记的父母情况不属于事实无人抚养的情形</source>
      <translation>the parents recorded are not in a de-facto-unsupported situation</translation>
    </message>
    <message>
      <source>登记的父母情况不属于外出务工的情形</source>
      <translation>the parents recorded are not both away for work</translation>
    </message>
    <message>
      <source>登记的父母情况符合事实无人抚养的情形</source>
      <translation>the parents recorded are in a de-facto-unsupported situation</translation>
    </message>
    <message>
      <source>登记的父母至少一方健在</source>
      <translation>at least one parent recorded as alive</translation>
    </message>
    <message>
      <source>规定：父母双方均死亡或被宣告失踪的未满十八周岁的未成年人。</source>
      <translation>Rule: a minor under 18 whose parents are both dead or declared missing.</translation>
    </message>
    <message>
      <source>规定：父母双方均重残、重病、服刑在押、强制隔离戒毒、被执行其他限制人身自由措施、失联、被撤销监护资格或被遣送出境；或一方死亡、失踪，另一方属上述情形（民发〔2019〕62号）。</source>
      <translation>Rule: both parents severely disabled, seriously ill, imprisoned, in compulsory drug rehabilitation, otherwise deprived of liberty, out of contact, stripped of guardianship or deported; or one parent dead or missing and the other so (Minzheng 2019 No. 62).</translation>
    </message>
    <message>
      <source>规定：父母双方外出务工连续三个月以上，或一方外出务工、另一方无监护能力，不满十六周岁的农村户籍未成年人（国发〔2016〕13号）。</source>
      <translation>Rule: a minor under 16 with rural hukou whose parents have both worked away for three months or more in a row, or one away and the other unable to act as guardian (Guofa 2016 No. 13).</translation>
    </message>
    <message>
      <source>认定</source>
      <translation>Recognise</translation>
    </message>
  </context>
  <context>
    <name>switch</name>
    <message>
      <source>丢弃修改并切换</source>
      <translation>Discard changes and switch</translation>
    </message>
    <message>
      <source>切换用户</source>
      <translation>Switch user</translation>
    </message>
    <message>
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>当前用户有未保存的修改。切换用户将丢弃这些修改。</source>
      <translation>The current user has unsaved changes. Switching user discards them.</translation>
    </message>
    <message>
      <source>正在关闭当前用户的档案库，请稍候…</source>
      <translation>Closing the current user's store, please wait…</translation>
    </message>
    <message>
      <source>要保留这些修改，请由该用户输入口令解锁后保存。</source>
      <translation>To keep them, that user unlocks with their passphrase and saves.</translation>
    </message>
    <message>
      <source>请先保存或关闭正在编辑的窗口，再切换用户。</source>
      <translation>Save or close the window being edited first, then switch user.</translation>
    </message>
  </context>
  <context>
    <name>sync</name>
    <message>
      <source>{n} 分钟</source>
      <translation>{n} min</translation>
    </message>
    <message>
      <source>{n} 处修改与他人冲突，请在右侧处理。</source>
      <translation> Changes that conflict with someone else's: {n}. Resolve them on the right.</translation>
    </message>
    <message>
      <source>{n} 天</source>
      <translation>{n} days</translation>
    </message>
    <message>
      <source>{n} 小时</source>
      <translation>{n} h</translation>
    </message>
    <message>
      <source>{n} 条</source>
      <translation>{n}</translation>
    </message>
    <message>
      <source>{n} 条修改被县里退回，原因见“暂存待审”。</source>
      <translation> Changes sent back by the county: {n} (see Held for review for why).</translation>
    </message>
    <message>
      <source>{n} 条修改被服务器暂存待审（未丢失）。</source>
      <translation> Changes held for review by the server (not lost): {n}.</translation>
    </message>
    <message>
      <source>{user}（{role}，{scope}）</source>
      <translation>{user} ({role}, {scope})</translation>
    </message>
    <message>
      <source>{user}（{role}，区划 {scope}）</source>
      <translation>{user} ({role}, region {scope})</translation>
    </message>
    <message>
      <source>一次性登记码</source>
      <translation>One-time enrolment code</translation>
    </message>
    <message>
      <source>上次同步未完成：{reason}</source>
      <translation>The last sync did not finish: {reason}</translation>
    </message>
    <message>
      <source>上次成功同步</source>
      <translation>Last successful sync</translation>
    </message>
    <message>
      <source>不符合填写要求：{rule}</source>
      <translation>Breaks a rule of the form: {rule}</translation>
    </message>
    <message>
      <source>不认识的项目“{field}”（软件版本不一致）</source>
      <translation>Unknown item “{field}” (the software versions differ)</translation>
    </message>
    <message>
      <source>不认识这类记录（软件版本不一致）</source>
      <translation>Unknown kind of record (the software versions differ)</translation>
    </message>
    <message>
      <source>两台电脑同时修改：后到的值暂时显示，请确认</source>
      <translation>Changed on two computers at once: the value that arrived last is shown for now. Please confirm.</translation>
    </message>
    <message>
      <source>从县服务器收到的记录中，未通过本机检查的暂存在本机，其余照常接收；县里更正后会自动补上。</source>
      <translation>Records from the county server that fail this laptop's checks are kept aside here and the rest are received as usual; they are filled in once the county corrects them.</translation>
    </message>
    <message>
      <source>保存合并值</source>
      <translation>Save merged value</translation>
    </message>
    <message>
      <source>保留此值</source>
      <translation>Keep this value</translation>
    </message>
    <message>
      <source>修改</source>
      <translation>Change</translation>
    </message>
    <message>
      <source>修改人</source>
      <translation>Changed by</translation>
    </message>
    <message>
      <source>值</source>
      <translation>Value</translation>
    </message>
    <message>
      <source>儿童</source>
      <translation>Child</translation>
    </message>
    <message>
      <source>允许不加密的连接（仅供测试）</source>
      <translation>Allow an unencrypted connection (testing only)</translation>
    </message>
    <message>
      <source>其他原因：{rule}</source>
      <translation>Other reason: {rule}</translation>
    </message>
    <message>
      <source>冲突待处理</source>
      <translation>Conflicts to resolve</translation>
    </message>
    <message>
      <source>冲突记录</source>
      <translation>Conflict record</translation>
    </message>
    <message>
      <source>区划代码有误</source>
      <translation>Invalid region code</translation>
    </message>
    <message>
      <source>原因</source>
      <translation>Reason</translation>
    </message>
    <message>
      <source>原来的值：{value}</source>
      <translation>Original value: {value}</translation>
    </message>
    <message>
      <source>县服务器</source>
      <translation>County server</translation>
    </message>
    <message>
      <source>县服务器上没有这对待处理的疑似重复</source>
      <translation>the county server has no such suspected duplicate waiting</translation>
    </message>
    <message>
      <source>县服务器不能接受的修改不会丢失：它们暂存在服务器和本机，等县里审核。</source>
      <translation>Changes the county server cannot accept are not lost: they are held on the server and on this computer until the county reviews them.</translation>
    </message>
    <message>
      <source>县服务器曾从备份恢复，已重新上传 {n} 条修改。</source>
      <translation> The county server was restored from a backup, so changes were uploaded again ({n}).</translation>
    </message>
    <message>
      <source>县里退回：{rule}</source>
      <translation>Sent back by the county: {rule}</translation>
    </message>
    <message>
      <source>只有合并疑似重复时才能以“重复建档（已合并）”退出</source>
      <translation>a file leaves the roll as a duplicate (merged) only by a merge of a suspected duplicate</translation>
    </message>
    <message>
      <source>合并为…（输入核实后的值）</source>
      <translation>Merge as… (type the verified value)</translation>
    </message>
    <message>
      <source>同一项信息在两台电脑上被改成了不同的值。各方的值都保留着，请核实后保留其中一个，或输入合并后的值。</source>
      <translation>The same item was changed to different values on two computers. Every value is kept: check them, then keep one or type a merged value.</translation>
    </message>
    <message>
      <source>同步</source>
      <translation>Sync</translation>
    </message>
    <message>
      <source>同步完成：上传 {pushed} 条，下载 {pulled} 条。</source>
      <translation>Sync complete: {pushed} uploaded, {pulled} downloaded.</translation>
    </message>
    <message>
      <source>同步已中止，下次会从中断处继续</source>
      <translation>Sync stopped; the next sync continues where it left off</translation>
    </message>
    <message>
      <source>同步情况</source>
      <translation>Sync health</translation>
    </message>
    <message>
      <source>同步未完成</source>
      <translation>Sync did not finish</translation>
    </message>
    <message>
      <source>同步未完成：{reason}</source>
      <translation>Sync did not finish: {reason}</translation>
    </message>
    <message>
      <source>否</source>
      <translation>No</translation>
    </message>
    <message>
      <source>字段</source>
      <translation>Field</translation>
    </message>
    <message>
      <source>尚未同步</source>
      <translation>Not synced yet</translation>
    </message>
    <message>
      <source>尚未同步，{n} 条修改待同步</source>
      <translation>Not synced yet; changes waiting: {n}</translation>
    </message>
    <message>
      <source>尚未收到的儿童档案</source>
      <translation>A child's file not received yet</translation>
    </message>
    <message>
      <source>已同步 {time}</source>
      <translation>Synced {time}</translation>
    </message>
    <message>
      <source>已处理，下次同步时发送到县服务器</source>
      <translation>Resolved; sent to the county server at the next sync</translation>
    </message>
    <message>
      <source>已有同一编号的记录</source>
      <translation>A record with this ID already exists</translation>
    </message>
    <message>
      <source>已登记：{user}。</source>
      <translation>Enrolled: {user}.</translation>
    </message>
    <message>
      <source>待上传修改</source>
      <translation>Changes to upload</translation>
    </message>
    <message>
      <source>所属的{what}记录尚未收到，收到后自动补上</source>
      <translation>The {what} record it belongs to has not arrived yet; it is applied when it does</translation>
    </message>
    <message>
      <source>操作</source>
      <translation>Action</translation>
    </message>
    <message>
      <source>收到时间</source>
      <translation>Received</translation>
    </message>
    <message>
      <source>收到的记录未通过本机检查：{n} 条</source>
      <translation>Received records that failed this laptop's checks: {n}</translation>
    </message>
    <message>
      <source>新增</source>
      <translation>New</translation>
    </message>
    <message>
      <source>无法识别“{text}”，请输入列表中的选项</source>
      <translation>'{text}' is not recognised; type one of the options in the list</translation>
    </message>
    <message>
      <source>日期</source>
      <translation>Date</translation>
    </message>
    <message>
      <source>日期存疑</source>
      <translation>Doubtful dates</translation>
    </message>
    <message>
      <source>日期存疑的记录：{n} 条</source>
      <translation>Records with doubtful dates: {n}</translation>
    </message>
    <message>
      <source>时间</source>
      <translation>Time</translation>
    </message>
    <message>
      <source>是</source>
      <translation>Yes</translation>
    </message>
    <message>
      <source>暂存待审</source>
      <translation>Held for review</translation>
    </message>
    <message>
      <source>服务器地址</source>
      <translation>Server address</translation>
    </message>
    <message>
      <source>服务器收到</source>
      <translation>Server received</translation>
    </message>
    <message>
      <source>未生效：{rule}；本机已改回服务器上的样子</source>
      <translation>not taken: {rule}; this laptop shows it as the server has it again</translation>
    </message>
    <message>
      <source>本机修改被县服务器暂存：{n} 条</source>
      <translation>This laptop's changes set aside by the county server: {n}</translation>
    </message>
    <message>
      <source>本机名称</source>
      <translation>Computer name</translation>
    </message>
    <message>
      <source>本机尚未在县服务器登记。请填写县民政部门提供的服务器地址、用户名和一次性登记码。</source>
      <translation>This computer is not enrolled with the county server yet. Fill in the server address, user name and one-time enrolment code from the county civil affairs bureau.</translation>
    </message>
    <message>
      <source>本机时钟与县服务器相差约 {gap}，请校准时间；记录会按服务器时间校正显示。</source>
      <translation>This computer's clock is about {gap} off from the county server's. Please set the clock; records are shown corrected to the server's time.</translation>
    </message>
    <message>
      <source>本机时间</source>
      <translation>Computer time</translation>
    </message>
    <message>
      <source>本档案库是从另一台电脑复制来的，已改用新的同步编号。</source>
      <translation> This store was copied from another computer; it now uses a new sync ID.</translation>
    </message>
    <message>
      <source>本账号无权做此修改</source>
      <translation>This account may not make this change</translation>
    </message>
    <message>
      <source>正在上传修改…</source>
      <translation>Uploading changes…</translation>
    </message>
    <message>
      <source>正在上传附件…</source>
      <translation>Uploading attachments…</translation>
    </message>
    <message>
      <source>正在下载更新…</source>
      <translation>Downloading updates…</translation>
    </message>
    <message>
      <source>正在同步…</source>
      <translation>Syncing…</translation>
    </message>
    <message>
      <source>正在自动同步…</source>
      <translation>Syncing automatically…</translation>
    </message>
    <message>
      <source>正在连接县服务器…</source>
      <translation>Connecting to the county server…</translation>
    </message>
    <message>
      <source>此儿童档案已转到其他村，转出通知发到本机之后的修改不再并入</source>
      <translation>The child's file has moved to another village: changes made after the server told this laptop of the move are not merged</translation>
    </message>
    <message>
      <source>此类记录不能修改，请新增一条更正</source>
      <translation>Records of this kind cannot be changed; add a correction instead</translation>
    </message>
    <message>
      <source>此项“{field}”不能通过同步修改</source>
      <translation>The item “{field}” cannot be changed by sync</translation>
    </message>
    <message>
      <source>没有待处理的冲突。</source>
      <translation>No conflicts to resolve.</translation>
    </message>
    <message>
      <source>用户名</source>
      <translation>User name</translation>
    </message>
    <message>
      <source>登记本机</source>
      <translation>Enrol this computer</translation>
    </message>
    <message>
      <source>登记用户</source>
      <translation>Enrolled user</translation>
    </message>
    <message>
      <source>离线</source>
      <translation>Offline</translation>
    </message>
    <message>
      <source>离线，{n} 条修改待同步</source>
      <translation>Offline; changes waiting: {n}</translation>
    </message>
    <message>
      <source>立即同步</source>
      <translation>Sync now</translation>
    </message>
    <message>
      <source>自动同步（联网时在后台同步，不影响录入）</source>
      <translation>Sync automatically (in the background when online, without interrupting data entry)</translation>
    </message>
    <message>
      <source>要修改的记录尚未收到，收到后自动补上</source>
      <translation>The record to change has not arrived yet; the change is applied when it does</translation>
    </message>
    <message>
      <source>记录</source>
      <translation>Record</translation>
    </message>
    <message>
      <source>请填写：{fields}</source>
      <translation>Please fill in: {fields}</translation>
    </message>
    <message>
      <source>请输入合并后的值</source>
      <translation>Type the merged value</translation>
    </message>
    <message>
      <source>超出本账号负责的区划</source>
      <translation>Outside the region this account covers</translation>
    </message>
    <message>
      <source>身份信息需审核：先到的值暂时保留，请核实证件后确认</source>
      <translation>Identity details need review: the value that arrived first is kept for now. Check the ID document, then confirm.</translation>
    </message>
    <message>
      <source>这两份档案已先按另一次处理合并</source>
      <translation>these two files were merged first by another decision</translation>
    </message>
    <message>
      <source>这两份档案已先被认定不是同一人</source>
      <translation>these two files were judged first to be different children</translation>
    </message>
    <message>
      <source>这些记录的日期晚于县服务器收到它们的日子，可能是录入电脑的时钟不准。记录已照常收下，请与录入人核实日期，需要时在档案中更正。</source>
      <translation>These records carry dates later than the day the county server received them; the clock of the computer they were entered on may be wrong. They have been accepted as usual: check the dates with whoever entered them and correct them in the file if needed.</translation>
    </message>
    <message>
      <source>连不上县服务器，请检查服务器地址和网络后再试。</source>
      <translation>Cannot reach the county server. Check the server address and the network, then try again.</translation>
    </message>
    <message>
      <source>（当前显示）</source>
      <translation> (shown now)</translation>
    </message>
    <message>
      <source>（未知儿童）</source>
      <translation>(unknown child)</translation>
    </message>
    <message>
      <source>（空）</source>
      <translation>(empty)</translation>
    </message>
    <message>
      <source>，{n} 条修改待同步</source>
      <translation>; changes waiting: {n}</translation>
    </message>
  </context>
  <context>
    <name>sync_errors</name>
    <message>
      <source>为保护儿童信息，只能用加密的 https:// 连接县服务器；http:// 只用于本机测试（确需使用，请勾选“允许不加密的连接”或加 --allow-http）</source>
      <translation>To protect children's data, the county server is reached over encrypted https:// only; http:// is for this machine (testing). If you really need it, tick "Allow an unencrypted connection" or add --allow-http</translation>
    </message>
    <message>
      <source>县服务器出错，修改已保存在本机，稍后再试</source>
      <translation>The county server had an error; your changes are saved on this computer. Try again later</translation>
    </message>
    <message>
      <source>县服务器的证书无法验证：若县里使用自己签发的证书，请向县里索取证书文件，登记时指定（--ca-file）；否则可能有人冒充县服务器，请勿继续</source>
      <translation>The county server's certificate cannot be verified. If the county signs its own certificate, ask for the certificate file and give it when enrolling (--ca-file); otherwise someone may be posing as the county server: do not go on</translation>
    </message>
    <message>
      <source>尝试次数过多，请一分钟后再试</source>
      <translation>Too many attempts; try again in a minute</translation>
    </message>
    <message>
      <source>数据包过大，服务器拒收（已自动分小批重试）</source>
      <translation>The data was too large for the server (retried automatically in smaller batches)</translation>
    </message>
    <message>
      <source>服务器不认识本机的同步编号，请再同步一次</source>
      <translation>The server does not know this computer's sync ID; sync once more</translation>
    </message>
    <message>
      <source>服务器地址应以 http:// 或 https:// 开头</source>
      <translation>The server address must start with http:// or https://</translation>
    </message>
    <message>
      <source>服务器拒收了请求，请联系技术支持</source>
      <translation>The server refused the request; contact technical support</translation>
    </message>
    <message>
      <source>服务器的回答无法识别，请联系技术支持</source>
      <translation>The server's answer was not understood; contact technical support</translation>
    </message>
    <message>
      <source>本机尚未在县服务器登记（先用一次性登记码登记本机）</source>
      <translation>This computer is not enrolled with the county server (enrol it first with a one-time enrolment code)</translation>
    </message>
    <message>
      <source>本机已被县里停用，请联系县民政部门</source>
      <translation>The county has disabled this computer; contact the county civil affairs bureau</translation>
    </message>
    <message>
      <source>本机登记已过期（长期未同步），请重新登记</source>
      <translation>This computer's enrolment has expired (no sync for a long time); enrol it again</translation>
    </message>
    <message>
      <source>本机的登记凭据无效，请重新登记</source>
      <translation>This computer's enrolment credentials are not valid; enrol it again</translation>
    </message>
    <message>
      <source>本机还没有县服务器的同步包密钥：请先联网同步一次（或重新登记）</source>
      <translation>This laptop has no bundle keys of the county server yet: sync once over the network (or enroll again)</translation>
    </message>
    <message>
      <source>本软件版本过旧，请先升级</source>
      <translation>This version of the software is too old; please update it first</translation>
    </message>
    <message>
      <source>登记码错误、已用过或已过期，请向县里重新申请</source>
      <translation>The enrolment code is wrong, already used or expired; ask the county for a new one</translation>
    </message>
    <message>
      <source>示范档案库（虚构数据）不与县服务器同步</source>
      <translation>The demo store (invented data) is never synced with a county server</translation>
    </message>
    <message>
      <source>证书文件无法读取：应为县里提供的 PEM 格式证书（.pem / .crt）</source>
      <translation>The certificate file cannot be read: it should be the county's certificate in PEM form (.pem / .crt)</translation>
    </message>
    <message>
      <source>该账号已停用，请联系县民政部门</source>
      <translation>This account has been disabled; contact the county civil affairs bureau</translation>
    </message>
    <message>
      <source>这个同步包不是本机签名的（档案库可能被复制到了别的电脑），县服务器拒收</source>
      <translation>This bundle was not signed by this laptop (the store may have been copied to another computer): the county server refused it</translation>
    </message>
    <message>
      <source>连不上县服务器（网络中断或服务器未开），修改已保存在本机，联网后会自动补传</source>
      <translation>Cannot reach the county server (network down or server off); your changes are saved on this computer and will be sent once online</translation>
    </message>
    <message>
      <source>附件上传被拒绝</source>
      <translation>Attachment upload refused</translation>
    </message>
  </context>
  <context>
    <name>sync_health</name>
    <message>
      <source>不准</source>
      <translation>off</translation>
    </message>
    <message>
      <source>从未同步</source>
      <translation>never synced</translation>
    </message>
    <message>
      <source>区划</source>
      <translation>Place</translation>
    </message>
    <message>
      <source>取自县服务器：{when}（上次同步时）。超过 {days} 天未同步的标红；时钟不准或有暂存修改的标黄。</source>
      <translation>From the county server at {when} (the last sync). Red: no sync for more than {days} days; yellow: a clock that is off or changes set aside.</translation>
    </message>
    <message>
      <source>各台笔记本</source>
      <translation>Laptops</translation>
    </message>
    <message>
      <source>各村</source>
      <translation>Villages</translation>
    </message>
    <message>
      <source>天数</source>
      <translation>Days</translation>
    </message>
    <message>
      <source>尚未从县服务器取得同步情况：同步一次后可见。</source>
      <translation>No sync health from the county server yet: it shows after a sync.</translation>
    </message>
    <message>
      <source>待上传</source>
      <translation>Waiting</translation>
    </message>
    <message>
      <source>时钟</source>
      <translation>Clock</translation>
    </message>
    <message>
      <source>时钟异常</source>
      <translation>Clock off</translation>
    </message>
    <message>
      <source>暂存</source>
      <translation>Set aside</translation>
    </message>
    <message>
      <source>最近同步</source>
      <translation>Last sync</translation>
    </message>
    <message>
      <source>村</source>
      <translation>Village</translation>
    </message>
    <message>
      <source>用户</source>
      <translation>User</translation>
    </message>
    <message>
      <source>笔记本</source>
      <translation>Laptops</translation>
    </message>
    <message>
      <source>笔记本名称</source>
      <translation>Laptop name</translation>
    </message>
  </context>
  <context>
    <name>three_left</name>
    <message>
      <source>{day} 前联系</source>
      <translation>contact by {day}</translation>
    </message>
    <message>
      <source>{name}（{kind}），最近联系：{last}</source>
      <translation>{name} ({kind}), last contact: {last}</translation>
    </message>
    <message>
      <source>下次联系</source>
      <translation>Next contact</translation>
    </message>
    <message>
      <source>住址</source>
      <translation>Address</translation>
    </message>
    <message>
      <source>健康状况</source>
      <translation>Health</translation>
    </message>
    <message>
      <source>另存为PDF</source>
      <translation>Save as PDF</translation>
    </message>
    <message>
      <source>另有 {n} 人，见名册</source>
      <translation>{n} more: see the roster</translation>
    </message>
    <message>
      <source>名册上还没有人。点击“新增”登记留守妇女或留守老年人。</source>
      <translation>Nobody on the roster yet. Click "New" to register a left-behind woman or elder.</translation>
    </message>
    <message>
      <source>外出务工地点</source>
      <translation>Where the family works</translation>
    </message>
    <message>
      <source>外出的家人</source>
      <translation>Who is away</translation>
    </message>
    <message>
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>已保存：{path}</source>
      <translation>Saved: {path}</translation>
    </message>
    <message>
      <source>已登记（{name}）</source>
      <translation>Registered ({name})</translation>
    </message>
    <message>
      <source>已退出（{day}，{reason}）</source>
      <translation>Left the roster ({day}, {reason})</translation>
    </message>
    <message>
      <source>年龄</source>
      <translation>Age</translation>
    </message>
    <message>
      <source>性别</source>
      <translation>Sex</translation>
    </message>
    <message>
      <source>打印名册（PDF）</source>
      <translation>Print roster (PDF)</translation>
    </message>
    <message>
      <source>打开名册</source>
      <translation>Open the roster</translation>
    </message>
    <message>
      <source>新增</source>
      <translation>New</translation>
    </message>
    <message>
      <source>显示已退出的</source>
      <translation>Show those who left</translation>
    </message>
    <message>
      <source>最近联系</source>
      <translation>Last contact</translation>
    </message>
    <message>
      <source>未联系</source>
      <translation>not yet contacted</translation>
    </message>
    <message>
      <source>留守妇女 {women} 人，留守老年人 {elders} 人。</source>
      <translation>{women} left-behind women, {elders} left-behind elders.</translation>
    </message>
    <message>
      <source>留守妇女/老人：{n} 人应联系（逾期 {late} 人）</source>
      <translation>Left-behind women and elders: {n} to contact ({late} overdue)</translation>
    </message>
    <message>
      <source>留守妇女、留守老年人</source>
      <translation>Left-behind women and elders</translation>
    </message>
    <message>
      <source>留守妇女应为女性，留守老年人应年满60周岁；填身份证号码或出生日期。</source>
      <translation>A left-behind woman must be female, a left-behind elder 60 or older; give the ID number or the birth date.</translation>
    </message>
    <message>
      <source>登记留守妇女/老人</source>
      <translation>Register a left-behind woman or elder</translation>
    </message>
    <message>
      <source>类别</source>
      <translation>Kind</translation>
    </message>
    <message>
      <source>编辑</source>
      <translation>Edit</translation>
    </message>
    <message>
      <source>编辑：{name}</source>
      <translation>Edit: {name}</translation>
    </message>
    <message>
      <source>联系电话</source>
      <translation>Phone</translation>
    </message>
    <message>
      <source>记走访</source>
      <translation>Log visit</translation>
    </message>
    <message>
      <source>记走访：{name}</source>
      <translation>Log visit: {name}</translation>
    </message>
    <message>
      <source>退出</source>
      <translation>Leave roster</translation>
    </message>
    <message>
      <source>退出：{name}</source>
      <translation>Leave roster: {name}</translation>
    </message>
    <message>
      <source>逾期 {days} 天</source>
      <translation>{days} days overdue</translation>
    </message>
    <message>
      <source>（逾期）</source>
      <translation> (overdue)</translation>
    </message>
  </context>
  <context>
    <name>transfers</name>
    <message>
      <source>{name}一家搬到本县另一个村时申请转移：转入村所在乡镇的督导员接收后（跨乡镇由县级接收），下次同步时整份档案转入新村，本村保留转移记录。</source>
      <translation>Ask for a transfer when {name}'s family moves to another village of the county: once the receiving township's supervisor accepts (the county, across townships), the whole file moves to the new village at the next sync; this village keeps the transfer on record.</translation>
    </message>
    <message>
      <source>儿童</source>
      <translation>Child</translation>
    </message>
    <message>
      <source>原因</source>
      <translation>Reason</translation>
    </message>
    <message>
      <source>已拒绝{name}的转移申请。</source>
      <translation>Transfer of {name} refused.</translation>
    </message>
    <message>
      <source>已接收：下次同步后{name}的档案转入{to}。</source>
      <translation>Accepted: {name}'s file moves to {to} at the next sync.</translation>
    </message>
    <message>
      <source>已撤回{name}的转移申请。</source>
      <translation>The transfer request for {name} was withdrawn.</translation>
    </message>
    <message>
      <source>已申请转移（{name} → {to}）</source>
      <translation>Transfer asked for ({name} → {to})</translation>
    </message>
    <message>
      <source>拒绝</source>
      <translation>Refuse</translation>
    </message>
    <message>
      <source>拒绝原因（拒绝时必填）</source>
      <translation>Reason for refusing (required to refuse)</translation>
    </message>
    <message>
      <source>接收</source>
      <translation>Accept</translation>
    </message>
    <message>
      <source>撤回</source>
      <translation>Withdraw</translation>
    </message>
    <message>
      <source>撤回{name}转至{to}的申请吗？撤回后如需转移，须重新申请。</source>
      <translation>Withdraw the request to move {name} to {to}? To move the child later, a new request is needed.</translation>
    </message>
    <message>
      <source>撤回尚未处理的转移申请</source>
      <translation>Withdraw a transfer request not yet decided</translation>
    </message>
    <message>
      <source>撤回申请</source>
      <translation>Withdraw request</translation>
    </message>
    <message>
      <source>没有转移申请。</source>
      <translation>No transfers.</translation>
    </message>
    <message>
      <source>状态</source>
      <translation>State</translation>
    </message>
    <message>
      <source>申请人</source>
      <translation>Asked by</translation>
    </message>
    <message>
      <source>申请日期</source>
      <translation>Asked on</translation>
    </message>
    <message>
      <source>请填写拒绝原因。</source>
      <translation>Give the reason for refusing.</translation>
    </message>
    <message>
      <source>转入村</source>
      <translation>To village</translation>
    </message>
    <message>
      <source>转出…</source>
      <translation>Transfer out…</translation>
    </message>
    <message>
      <source>转出村</source>
      <translation>From village</translation>
    </message>
    <message>
      <source>转移</source>
      <translation>Transfers</translation>
    </message>
  </context>
  <context>
    <name>unlock</name>
    <message>
      <source>两次输入的口令不一致。</source>
      <translation>The two passphrases differ.</translation>
    </message>
    <message>
      <source>中：可以使用；再加一两个词会更安全</source>
      <translation>Fair: usable; a word or two more would make it safer</translation>
    </message>
    <message>
      <source>儿童主任填本村12位，督导员填本乡镇9位（可稍后在设置中填写）</source>
      <translation>Directors: the village's 12 digits; supervisors: the township's 9 (can be filled in later in Settings)</translation>
    </message>
    <message>
      <source>儿童主任工作台</source>
      <translation>Child Director's Desk</translation>
    </message>
    <message>
      <source>再输入一次</source>
      <translation>Repeat</translation>
    </message>
    <message>
      <source>切换用户</source>
      <translation>Switch user</translation>
    </message>
    <message>
      <source>创建档案库</source>
      <translation>Create the store</translation>
    </message>
    <message>
      <source>区划代码</source>
      <translation>Division code</translation>
    </message>
    <message>
      <source>口令</source>
      <translation>Passphrase</translation>
    </message>
    <message>
      <source>已自动锁定，请输入口令继续。</source>
      <translation>Locked after inactivity. Enter the passphrase to continue.</translation>
    </message>
    <message>
      <source>已锁定，请输入口令继续。</source>
      <translation>Locked. Enter the passphrase to continue.</translation>
    </message>
    <message>
      <source>强</source>
      <translation>Strong</translation>
    </message>
    <message>
      <source>忘记口令将无法打开档案库：本档案库尚未交县里的恢复密钥保管（在县服务器登记本机后即可）。</source>
      <translation>A forgotten passphrase cannot be recovered: this store's key is not yet held under the county's recovery key (it will be once this laptop is enrolled with the county server).</translation>
    </message>
    <message>
      <source>忘记口令：请把这台笔记本（或档案库文件及旁边的 .recovery 文件）带到县民政局，由县里用恢复密钥重设口令。</source>
      <translation>Forgot the passphrase? Bring this laptop (or the store file and the .recovery file beside it) to the county civil affairs office, where a new passphrase is set with the county's recovery key.</translation>
    </message>
    <message>
      <source>打开其他档案库…</source>
      <translation>Open another store…</translation>
    </message>
    <message>
      <source>打开档案库</source>
      <translation>Open a store</translation>
    </message>
    <message>
      <source>打开示范档案库（虚构数据）</source>
      <translation>Open the demo store (invented data)</translation>
    </message>
    <message>
      <source>找不到这个档案库文件，可能已移动或删除。找到后可用“添加已有档案库…”重新添加，或从列表中移除。</source>
      <translation>This store's file cannot be found: it may have been moved or deleted. Once found, add it again with “Add an existing store…”, or remove it from the list.</translation>
    </message>
    <message>
      <source>新建档案库</source>
      <translation>New store</translation>
    </message>
    <message>
      <source>新建档案库…</source>
      <translation>New store…</translation>
    </message>
    <message>
      <source>新档案库</source>
      <translation>New store</translation>
    </message>
    <message>
      <source>未保存的修改仍在，解锁后可继续编辑。</source>
      <translation>Your unsaved changes are kept; unlock to go on editing.</translation>
    </message>
    <message>
      <source>档案库</source>
      <translation>Store</translation>
    </message>
    <message>
      <source>档案库 (*.db)</source>
      <translation>Stores (*.db)</translation>
    </message>
    <message>
      <source>档案库 (*.db);;所有文件 (*)</source>
      <translation>Stores (*.db);;All files (*)</translation>
    </message>
    <message>
      <source>正在打开，请稍候…</source>
      <translation>Opening, please wait…</translation>
    </message>
    <message>
      <source>添加已有档案库…</source>
      <translation>Add an existing store…</translation>
    </message>
    <message>
      <source>示范档案库只有虚构数据：忘记口令时，重新打开示范档案库即可。</source>
      <translation>The demo store holds invented data only: if the passphrase is forgotten, open the demo store again.</translation>
    </message>
    <message>
      <source>解锁</source>
      <translation>Unlock</translation>
    </message>
    <message>
      <source>设置口令</source>
      <translation>Passphrase</translation>
    </message>
    <message>
      <source>请牢记口令：口令遗失后任何人都无法打开档案库，包括软件提供方。请在“设置”中定期备份到U盘。创建后请在“设置”中填写您的姓名和村（社区）。</source>
      <translation>Remember the passphrase: if it is lost nobody can open the store, not even the software's makers. Back up to a USB stick regularly in Settings. After creating the store, fill in your name and village (community) in Settings.</translation>
    </message>
    <message>
      <source>返回档案库列表</source>
      <translation>Back to the list of stores</translation>
    </message>
  </context>
  <context>
    <name>unsaved</name>
    <message>
      <source>不保存</source>
      <translation>Don't save</translation>
    </message>
    <message>
      <source>保存</source>
      <translation>Save</translation>
    </message>
    <message>
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>是否保存？选择“不保存”将丢弃这些修改。</source>
      <translation>Save them? "Don't save" throws these changes away.</translation>
    </message>
    <message>
      <source>未保存的修改</source>
      <translation>Unsaved changes</translation>
    </message>
  </context>
  <context>
    <name>villages</name>
    <message>
      <source>{village}（{count}）</source>
      <translation>{village} ({count})</translation>
    </message>
    <message>
      <source>全部村（{count}）</source>
      <translation>All villages ({count})</translation>
    </message>
    <message>
      <source>本乡镇 {villages} 个村，在册儿童 {children} 名，逾期事项 {overdue} 项。回车或双击打开该村名册。</source>
      <translation>{villages} villages in the township, {children} children on the roster, {overdue} overdue items. Press Enter or double-click to open a village's roster.</translation>
    </message>
  </context>
  <context>
    <name>vocab</name>
    <message>
      <source>110/公安</source>
      <translation>110 / police</translation>
    </message>
    <message>
      <source>12349民政热线</source>
      <translation>12349 civil affairs hotline</translation>
    </message>
    <message>
      <source>12355青少年服务台</source>
      <translation>12355 youth hotline</translation>
    </message>
    <message>
      <source>一般</source>
      <translation>Fair</translation>
    </message>
    <message>
      <source>一般或较弱</source>
      <translation>Fair or weak</translation>
    </message>
    <message>
      <source>不再符合条件</source>
      <translation>No longer eligible</translation>
    </message>
    <message>
      <source>不在学</source>
      <translation>Not in school</translation>
    </message>
    <message>
      <source>不是同一人</source>
      <translation>Different children</translation>
    </message>
    <message>
      <source>不满十四周岁女性遭受或疑似遭受性侵害、怀孕、流产</source>
      <translation>Girl under 14 sexually abused (or suspected), pregnant or miscarried</translation>
    </message>
    <message>
      <source>不适用</source>
      <translation>Not applicable</translation>
    </message>
    <message>
      <source>中职</source>
      <translation>Vocational school</translation>
    </message>
    <message>
      <source>临时救助</source>
      <translation>Temporary assistance</translation>
    </message>
    <message>
      <source>书面</source>
      <translation>In writing</translation>
    </message>
    <message>
      <source>事实无人抚养儿童</source>
      <translation>De facto unsupported child</translation>
    </message>
    <message>
      <source>事实无人抚养儿童基本生活补贴</source>
      <translation>Living allowance for de facto unsupported children</translation>
    </message>
    <message>
      <source>亲朋接济</source>
      <translation>Help from relatives</translation>
    </message>
    <message>
      <source>会议</source>
      <translation>meeting</translation>
    </message>
    <message>
      <source>低保、特困、低收入家庭儿童</source>
      <translation>Child of a dibao, tekun or low-income family</translation>
    </message>
    <message>
      <source>住房救助</source>
      <translation>Housing assistance</translation>
    </message>
    <message>
      <source>健康</source>
      <translation>Healthy</translation>
    </message>
    <message>
      <source>健康变化</source>
      <translation>Health changed</translation>
    </message>
    <message>
      <source>儿童之家活动</source>
      <translation>children's home activity</translation>
    </message>
    <message>
      <source>儿童情况</source>
      <translation>The child's situation</translation>
    </message>
    <message>
      <source>兄弟姐妹</source>
      <translation>Sibling</translation>
    </message>
    <message>
      <source>党员</source>
      <translation>Party member</translation>
    </message>
    <message>
      <source>入户</source>
      <translation>home visit</translation>
    </message>
    <message>
      <source>入户走访</source>
      <translation>Home visit</translation>
    </message>
    <message>
      <source>其他</source>
      <translation>Other</translation>
    </message>
    <message>
      <source>其他严重侵害身心健康的情形或正在面临不法侵害危险</source>
      <translation>Other serious harm to body or mind, or in danger of unlawful harm</translation>
    </message>
    <message>
      <source>其他亲属</source>
      <translation>Other relative</translation>
    </message>
    <message>
      <source>其他困境儿童</source>
      <translation>Other child in difficulty</translation>
    </message>
    <message>
      <source>其他（儿童之家等）</source>
      <translation>Other (children's centre etc.)</translation>
    </message>
    <message>
      <source>其他（无户口、居民户口）</source>
      <translation>Other (no hukou, resident hukou)</translation>
    </message>
    <message>
      <source>农村居民户口</source>
      <translation>Rural hukou</translation>
    </message>
    <message>
      <source>农村留守儿童</source>
      <translation>Rural left-behind child</translation>
    </message>
    <message>
      <source>出生医学证明</source>
      <translation>Birth certificate</translation>
    </message>
    <message>
      <source>初中</source>
      <translation>Junior middle school</translation>
    </message>
    <message>
      <source>劝返中</source>
      <translation>being persuaded back</translation>
    </message>
    <message>
      <source>医疗救助</source>
      <translation>Medical assistance</translation>
    </message>
    <message>
      <source>十四周岁以上女性遭受或疑似遭受性侵害所致怀孕、流产</source>
      <translation>Girl 14 or older pregnant or miscarried after sexual abuse (or suspected)</translation>
    </message>
    <message>
      <source>协议签订（备案）</source>
      <translation>Agreement signed (to file)</translation>
    </message>
    <message>
      <source>厌学</source>
      <translation>dislikes school</translation>
    </message>
    <message>
      <source>去世</source>
      <translation>died</translation>
    </message>
    <message>
      <source>受暴力侵害儿童</source>
      <translation>Child victim of violence</translation>
    </message>
    <message>
      <source>受理反馈</source>
      <translation>Police feedback</translation>
    </message>
    <message>
      <source>否</source>
      <translation>No</translation>
    </message>
    <message>
      <source>听力残疾</source>
      <translation>Hearing disability</translation>
    </message>
    <message>
      <source>吸毒家庭子女</source>
      <translation>Child of a family with drug use</translation>
    </message>
    <message>
      <source>因自杀、自残、中毒、被殴打等非正常原因导致伤残、死亡</source>
      <translation>Injured, disabled or dead from suicide, self-harm, poisoning, beating or other abnormal causes</translation>
    </message>
    <message>
      <source>在世</source>
      <translation>Alive</translation>
    </message>
    <message>
      <source>在册</source>
      <translation>On roster</translation>
    </message>
    <message>
      <source>在校走访</source>
      <translation>School visit</translation>
    </message>
    <message>
      <source>城镇居民户口</source>
      <translation>Urban hukou</translation>
    </message>
    <message>
      <source>培训</source>
      <translation>training</translation>
    </message>
    <message>
      <source>外出务工</source>
      <translation>left to work</translation>
    </message>
    <message>
      <source>外国人永久居留身份证</source>
      <translation>Foreigner's permanent residence card</translation>
    </message>
    <message>
      <source>外祖母</source>
      <translation>Maternal grandmother</translation>
    </message>
    <message>
      <source>外祖父</source>
      <translation>Maternal grandfather</translation>
    </message>
    <message>
      <source>多重残疾</source>
      <translation>Multiple disabilities</translation>
    </message>
    <message>
      <source>失联</source>
      <translation>Lost contact</translation>
    </message>
    <message>
      <source>失踪（经宣告）</source>
      <translation>Missing (declared)</translation>
    </message>
    <message>
      <source>女</source>
      <translation>Female</translation>
    </message>
    <message>
      <source>孤儿</source>
      <translation>Orphan</translation>
    </message>
    <message>
      <source>孤儿基本生活费</source>
      <translation>Orphan's living allowance</translation>
    </message>
    <message>
      <source>学校</source>
      <translation>School</translation>
    </message>
    <message>
      <source>安全</source>
      <translation>Safety</translation>
    </message>
    <message>
      <source>安排走访</source>
      <translation>Visit</translation>
    </message>
    <message>
      <source>宣传</source>
      <translation>publicity</translation>
    </message>
    <message>
      <source>家人返乡</source>
      <translation>family came home</translation>
    </message>
    <message>
      <source>家庭经济困难</source>
      <translation>family hardship</translation>
    </message>
    <message>
      <source>小学</source>
      <translation>Primary school</translation>
    </message>
    <message>
      <source>就学</source>
      <translation>Schooling</translation>
    </message>
    <message>
      <source>就学变化</source>
      <translation>Schooling changed</translation>
    </message>
    <message>
      <source>居民身份证</source>
      <translation>Resident ID card</translation>
    </message>
    <message>
      <source>差</source>
      <translation>Poor</translation>
    </message>
    <message>
      <source>已书面报告</source>
      <translation>reported in writing</translation>
    </message>
    <message>
      <source>已合并</source>
      <translation>Merged</translation>
    </message>
    <message>
      <source>已处理</source>
      <translation>Handled</translation>
    </message>
    <message>
      <source>已拒绝</source>
      <translation>Refused</translation>
    </message>
    <message>
      <source>已接收</source>
      <translation>Accepted</translation>
    </message>
    <message>
      <source>已撤回</source>
      <translation>Withdrawn</translation>
    </message>
    <message>
      <source>已签订</source>
      <translation>Signed</translation>
    </message>
    <message>
      <source>已终止</source>
      <translation>Ended</translation>
    </message>
    <message>
      <source>已结案</source>
      <translation>Closed</translation>
    </message>
    <message>
      <source>已续签替代</source>
      <translation>Superseded</translation>
    </message>
    <message>
      <source>已解决</source>
      <translation>Solved</translation>
    </message>
    <message>
      <source>已返校</source>
      <translation>back at school</translation>
    </message>
    <message>
      <source>干部</source>
      <translation>Cadre</translation>
    </message>
    <message>
      <source>年满退出</source>
      <translation>Aged out</translation>
    </message>
    <message>
      <source>幼儿园</source>
      <translation>Kindergarten</translation>
    </message>
    <message>
      <source>应急处置</source>
      <translation>Emergency response</translation>
    </message>
    <message>
      <source>强制隔离戒毒</source>
      <translation>Compulsory drug rehabilitation</translation>
    </message>
    <message>
      <source>当面</source>
      <translation>In person</translation>
    </message>
    <message>
      <source>待处理</source>
      <translation>Waiting</translation>
    </message>
    <message>
      <source>待接收</source>
      <translation>Awaiting acceptance</translation>
    </message>
    <message>
      <source>待遇合适</source>
      <translation>Benefits right</translation>
    </message>
    <message>
      <source>待遇需调整</source>
      <translation>Benefits to adjust</translation>
    </message>
    <message>
      <source>志愿者</source>
      <translation>Volunteer</translation>
    </message>
    <message>
      <source>慢性病</source>
      <translation>Chronic illness</translation>
    </message>
    <message>
      <source>打工收入</source>
      <translation>Wages</translation>
    </message>
    <message>
      <source>护照</source>
      <translation>Passport</translation>
    </message>
    <message>
      <source>拒绝</source>
      <translation>refused</translation>
    </message>
    <message>
      <source>政府救助</source>
      <translation>Government assistance</translation>
    </message>
    <message>
      <source>教师</source>
      <translation>Teacher</translation>
    </message>
    <message>
      <source>教育资助</source>
      <translation>Education grant</translation>
    </message>
    <message>
      <source>新登记</source>
      <translation>New registration</translation>
    </message>
    <message>
      <source>无变化</source>
      <translation>No change</translation>
    </message>
    <message>
      <source>无证件</source>
      <translation>No document</translation>
    </message>
    <message>
      <source>是</source>
      <translation>Yes</translation>
    </message>
    <message>
      <source>智力残疾</source>
      <translation>Intellectual disability</translation>
    </message>
    <message>
      <source>最低生活保障</source>
      <translation>Minimum living allowance (dibao)</translation>
    </message>
    <message>
      <source>有监护能力</source>
      <translation>Able to care</translation>
    </message>
    <message>
      <source>服刑在押</source>
      <translation>In prison or detention</translation>
    </message>
    <message>
      <source>服刑在押人员未成年子女</source>
      <translation>Child of a prisoner</translation>
    </message>
    <message>
      <source>未入园</source>
      <translation>Not in kindergarten</translation>
    </message>
    <message>
      <source>未评估</source>
      <translation>Not assessed</translation>
    </message>
    <message>
      <source>未返校</source>
      <translation>not back</translation>
    </message>
    <message>
      <source>未采集</source>
      <translation>Not collected</translation>
    </message>
    <message>
      <source>来源不明、失踪或者被拐卖、收买</source>
      <translation>Of unknown origin, missing, trafficked or bought</translation>
    </message>
    <message>
      <source>核实不属实</source>
      <translation>Not confirmed</translation>
    </message>
    <message>
      <source>核实属实</source>
      <translation>Confirmed</translation>
    </message>
    <message>
      <source>死亡</source>
      <translation>Dead</translation>
    </message>
    <message>
      <source>残疾</source>
      <translation>Disabled</translation>
    </message>
    <message>
      <source>残疾人两项补贴</source>
      <translation>Disability allowances</translation>
    </message>
    <message>
      <source>母亲</source>
      <translation>Mother</translation>
    </message>
    <message>
      <source>活动</source>
      <translation>Activity</translation>
    </message>
    <message>
      <source>流浪儿童</source>
      <translation>Street child</translation>
    </message>
    <message>
      <source>港澳台居民居住证</source>
      <translation>HK/Macau/Taiwan residence permit</translation>
    </message>
    <message>
      <source>父亲</source>
      <translation>Father</translation>
    </message>
    <message>
      <source>父母一方外出另一方无监护能力</source>
      <translation>One parent away, the other unable to care</translation>
    </message>
    <message>
      <source>父母务工地点</source>
      <translation>Parents' work place</translation>
    </message>
    <message>
      <source>父母双方外出</source>
      <translation>Both parents away</translation>
    </message>
    <message>
      <source>父母双方无监护能力</source>
      <translation>Neither parent able to care</translation>
    </message>
    <message>
      <source>父母联系方式</source>
      <translation>Parents' contact</translation>
    </message>
    <message>
      <source>父母返回</source>
      <translation>Parent returned</translation>
    </message>
    <message>
      <source>特困供养</source>
      <translation>Support for the extremely poor (tekun)</translation>
    </message>
    <message>
      <source>生殖器官或隐私部位遭受或疑似遭受非正常损伤</source>
      <translation>Abnormal injury (or suspected) to genitals or private parts</translation>
    </message>
    <message>
      <source>电话</source>
      <translation>Phone</translation>
    </message>
    <message>
      <source>电话联系</source>
      <translation>phone call</translation>
    </message>
    <message>
      <source>男</source>
      <translation>Male</translation>
    </message>
    <message>
      <source>留守妇女</source>
      <translation>left-behind woman</translation>
    </message>
    <message>
      <source>留守老年人</source>
      <translation>left-behind elder</translation>
    </message>
    <message>
      <source>疑似遭受家庭暴力</source>
      <translation>Suspected domestic violence</translation>
    </message>
    <message>
      <source>疑似遭受意外伤害或不法侵害</source>
      <translation>Suspected accidental injury or unlawful harm</translation>
    </message>
    <message>
      <source>疾病</source>
      <translation>illness</translation>
    </message>
    <message>
      <source>监护</source>
      <translation>Guardianship</translation>
    </message>
    <message>
      <source>监护人丧失监护能力或不履行监护责任</source>
      <translation>Guardian unable or unwilling to care</translation>
    </message>
    <message>
      <source>监护人变化</source>
      <translation>Guardian changed</translation>
    </message>
    <message>
      <source>监护干预</source>
      <translation>Guardianship intervention</translation>
    </message>
    <message>
      <source>监护缺失或监护不当儿童</source>
      <translation>Child lacking proper guardianship</translation>
    </message>
    <message>
      <source>祖母</source>
      <translation>Paternal grandmother</translation>
    </message>
    <message>
      <source>祖父</source>
      <translation>Paternal grandfather</translation>
    </message>
    <message>
      <source>福利</source>
      <translation>Benefits</translation>
    </message>
    <message>
      <source>种养殖业</source>
      <translation>Farming</translation>
    </message>
    <message>
      <source>类别终止</source>
      <translation>Category ended</translation>
    </message>
    <message>
      <source>类别认定</source>
      <translation>Category recognised</translation>
    </message>
    <message>
      <source>精神残疾</source>
      <translation>Mental disability</translation>
    </message>
    <message>
      <source>红</source>
      <translation>Red</translation>
    </message>
    <message>
      <source>经济状况变化</source>
      <translation>Finances changed</translation>
    </message>
    <message>
      <source>结案</source>
      <translation>Closed</translation>
    </message>
    <message>
      <source>绿</source>
      <translation>Green</translation>
    </message>
    <message>
      <source>肢体残疾</source>
      <translation>Physical disability</translation>
    </message>
    <message>
      <source>脱离监护单独居住生活或失踪</source>
      <translation>Living alone without guardianship, or missing</translation>
    </message>
    <message>
      <source>艾滋病病毒感染或受影响儿童</source>
      <translation>Child living with or affected by HIV</translation>
    </message>
    <message>
      <source>草稿</source>
      <translation>Draft</translation>
    </message>
    <message>
      <source>蓝</source>
      <translation>Blue</translation>
    </message>
    <message>
      <source>被执行其他限制人身自由的措施</source>
      <translation>Other restriction of liberty</translation>
    </message>
    <message>
      <source>被撤销监护资格</source>
      <translation>Guardianship revoked</translation>
    </message>
    <message>
      <source>被组织乞讨</source>
      <translation>Made to beg by others</translation>
    </message>
    <message>
      <source>被遗弃或长期处于无人照料状态</source>
      <translation>Abandoned or long without care</translation>
    </message>
    <message>
      <source>被遣送（驱逐）出境</source>
      <translation>Deported</translation>
    </message>
    <message>
      <source>视力残疾</source>
      <translation>Visual disability</translation>
    </message>
    <message>
      <source>视频</source>
      <translation>Video call</translation>
    </message>
    <message>
      <source>言语残疾</source>
      <translation>Speech disability</translation>
    </message>
    <message>
      <source>记为备注</source>
      <translation>Noted</translation>
    </message>
    <message>
      <source>证件</source>
      <translation>Documents</translation>
    </message>
    <message>
      <source>评估为差或红色</source>
      <translation>Assessed poor or red</translation>
    </message>
    <message>
      <source>评估帮扶</source>
      <translation>Assessment and support</translation>
    </message>
    <message>
      <source>跟进中</source>
      <translation>Open</translation>
    </message>
    <message>
      <source>身体多处损伤、严重营养不良、意识不清，疑似受到家庭暴力、欺凌、虐待等</source>
      <translation>Several injuries, severe malnutrition or confusion; suspected domestic violence, bullying or abuse</translation>
    </message>
    <message>
      <source>转为强制报告</source>
      <translation>Mandatory report</translation>
    </message>
    <message>
      <source>转交其他部门</source>
      <translation>Passed to another office</translation>
    </message>
    <message>
      <source>较好</source>
      <translation>Good</translation>
    </message>
    <message>
      <source>辍学</source>
      <translation>Dropped out</translation>
    </message>
    <message>
      <source>迁出本村</source>
      <translation>moved out of the village</translation>
    </message>
    <message>
      <source>迁出转移</source>
      <translation>Moved away</translation>
    </message>
    <message>
      <source>退出</source>
      <translation>Exited</translation>
    </message>
    <message>
      <source>退回</source>
      <translation>Returned</translation>
    </message>
    <message>
      <source>通报乡镇</source>
      <translation>Township notified</translation>
    </message>
    <message>
      <source>通过</source>
      <translation>Approved</translation>
    </message>
    <message>
      <source>逾期</source>
      <translation>Overdue</translation>
    </message>
    <message>
      <source>邻居/村民</source>
      <translation>Neighbour / villager</translation>
    </message>
    <message>
      <source>邻居朋友</source>
      <translation>Neighbour or friend</translation>
    </message>
    <message>
      <source>重复建档（已合并）</source>
      <translation>Duplicate file (merged)</translation>
    </message>
    <message>
      <source>重新纳入</source>
      <translation>Re-enter</translation>
    </message>
    <message>
      <source>重残</source>
      <translation>Severe disability</translation>
    </message>
    <message>
      <source>重残儿童</source>
      <translation>Child with severe disability</translation>
    </message>
    <message>
      <source>重病</source>
      <translation>Serious illness</translation>
    </message>
    <message>
      <source>重病儿童</source>
      <translation>Child with serious illness</translation>
    </message>
    <message>
      <source>随家人外出</source>
      <translation>joined the family away</translation>
    </message>
    <message>
      <source>高中</source>
      <translation>Senior high school</translation>
    </message>
    <message>
      <source>黄</source>
      <translation>Yellow</translation>
    </message>
  </context>
  <context>
    <name>work</name>
    <message>
      <source>{day}起一周</source>
      <translation>week of {day}</translation>
    </message>
    <message>
      <source>{week}（超出上限）</source>
      <translation>{week} (over the limit)</translation>
    </message>
    <message>
      <source>下周</source>
      <translation>next week</translation>
    </message>
    <message>
      <source>假期重点走访</source>
      <translation>holiday visit</translation>
    </message>
    <message>
      <source>入户走访</source>
      <translation>home visit</translation>
    </message>
    <message>
      <source>制定服务计划</source>
      <translation>write a service plan</translation>
    </message>
    <message>
      <source>即将到期</source>
      <translation>Due soon</translation>
    </message>
    <message>
      <source>县级抽查问题</source>
      <translation>county spot-check finding</translation>
    </message>
    <message>
      <source>告知学校</source>
      <translation>tell the school</translation>
    </message>
    <message>
      <source>困境儿童季度核实</source>
      <translation>quarterly verification (child in difficulty)</translation>
    </message>
    <message>
      <source>复核服务计划</source>
      <translation>review the service plan</translation>
    </message>
    <message>
      <source>委托照护协议</source>
      <translation>care agreements</translation>
    </message>
    <message>
      <source>委托照护协议即将到期</source>
      <translation>care agreement expiring</translation>
    </message>
    <message>
      <source>委托照护协议已过期</source>
      <translation>care agreement expired</translation>
    </message>
    <message>
      <source>季度核实</source>
      <translation>Quarterly verification</translation>
    </message>
    <message>
      <source>已到计划的复核日期</source>
      <translation>the plan's review date</translation>
    </message>
    <message>
      <source>帮扶人：{name}</source>
      <translation>Helper: {name}</translation>
    </message>
    <message>
      <source>年龄到限退出</source>
      <translation>ageing out</translation>
    </message>
    <message>
      <source>年龄到限，需办理退出</source>
      <translation>ages out: process the exit</translation>
    </message>
    <message>
      <source>建议{day}走访</source>
      <translation>Suggested visit on {day}</translation>
    </message>
    <message>
      <source>强制报告</source>
      <translation>mandatory report</translation>
    </message>
    <message>
      <source>强制报告跟进</source>
      <translation>Mandatory report follow-up</translation>
    </message>
    <message>
      <source>强制报告：{stage}逾期{days}天</source>
      <translation>Mandatory report: {stage} {days} days late</translation>
    </message>
    <message>
      <source>强制报告：{stage}，{day}前</source>
      <translation>Mandatory report: {stage}, by {day}</translation>
    </message>
    <message>
      <source>待劝返</source>
      <translation>to persuade back</translation>
    </message>
    <message>
      <source>待处理</source>
      <translation>To handle</translation>
    </message>
    <message>
      <source>待整改</source>
      <translation>To fix</translation>
    </message>
    <message>
      <source>有新的评估</source>
      <translation>a newer assessment</translation>
    </message>
    <message>
      <source>服务计划</source>
      <translation>Service plans</translation>
    </message>
    <message>
      <source>本周</source>
      <translation>this week</translation>
    </message>
    <message>
      <source>来源：{source}</source>
      <translation>Source: {source}</translation>
    </message>
    <message>
      <source>监护情况评估</source>
      <translation>guardianship assessment</translation>
    </message>
    <message>
      <source>线索</source>
      <translation>Clues</translation>
    </message>
    <message>
      <source>线索待处理</source>
      <translation>clue to handle</translation>
    </message>
    <message>
      <source>结对帮扶与告知学校</source>
      <translation>Paired helpers and school notices</translation>
    </message>
    <message>
      <source>结对帮扶：本月未联系</source>
      <translation>paired helper: no contact this month</translation>
    </message>
    <message>
      <source>缺少委托照护协议</source>
      <translation>no care agreement</translation>
    </message>
    <message>
      <source>联系（电话/视频/入户）</source>
      <translation>contact</translation>
    </message>
    <message>
      <source>走访和联系</source>
      <translation>visits and contacts</translation>
    </message>
    <message>
      <source>辍学劝返</source>
      <translation>persuade a dropout back to school</translation>
    </message>
    <message>
      <source>逾期{days}天</source>
      <translation>{days} days overdue</translation>
    </message>
    <message>
      <source>问题跟进</source>
      <translation>a problem to solve</translation>
    </message>
    <message>
      <source>风险等级已变化</source>
      <translation>the risk colour changed</translation>
    </message>
    <message>
      <source>首次入户走访</source>
      <translation>first home visit</translation>
    </message>
    <message>
      <source>；这一周已超出每周上限，但应办日期不能推后</source>
      <translation>; this week is over the weekly limit, but the due date cannot move later</translation>
    </message>
  </context>
  <context>
    <name>work_log</name>
    <message>
      <source>{year}年{month}月共 {n} 条。</source>
      <translation>{n} entries in {year}-{month}.</translation>
    </message>
    <message>
      <source>事项</source>
      <translation>Subject</translation>
    </message>
    <message>
      <source>保存</source>
      <translation>Save</translation>
    </message>
    <message>
      <source>内容</source>
      <translation>Content</translation>
    </message>
    <message>
      <source>删除</source>
      <translation>Delete</translation>
    </message>
    <message>
      <source>删除{day}的工作日志“{title}”吗？</source>
      <translation>Delete the work log entry “{title}” of {day}?</translation>
    </message>
    <message>
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>另存为PDF</source>
      <translation>Save as PDF</translation>
    </message>
    <message>
      <source>地点</source>
      <translation>Place</translation>
    </message>
    <message>
      <source>如：镇儿童工作例会</source>
      <translation>e.g. the township's child welfare meeting</translation>
    </message>
    <message>
      <source>工作日志</source>
      <translation>Work log</translation>
    </message>
    <message>
      <source>已保存：{path}</source>
      <translation>Saved: {path}</translation>
    </message>
    <message>
      <source>已转出的儿童</source>
      <translation>a child transferred away</translation>
    </message>
    <message>
      <source>打印本月（PDF）</source>
      <translation>Print this month (PDF)</translation>
    </message>
    <message>
      <source>新增</source>
      <translation>New</translation>
    </message>
    <message>
      <source>新增工作日志</source>
      <translation>New work log entry</translation>
    </message>
    <message>
      <source>日期</source>
      <translation>Date</translation>
    </message>
    <message>
      <source>月份</source>
      <translation>Month</translation>
    </message>
    <message>
      <source>本月还没有工作日志。点击“新增”记下一次会议、培训或活动。</source>
      <translation>No work log entries this month. Click “New” to note a meeting, a training or an activity.</translation>
    </message>
    <message>
      <source>涉及儿童</source>
      <translation>Children concerned</translation>
    </message>
    <message>
      <source>类别</source>
      <translation>Kind</translation>
    </message>
    <message>
      <source>编辑</source>
      <translation>Edit</translation>
    </message>
    <message>
      <source>编辑工作日志</source>
      <translation>Edit work log entry</translation>
    </message>
  </context>
  <context>
    <name>workbench</name>
    <message>
      <source>　注意：县级政策有误，已按默认执行。</source>
      <translation>  Note: the county policy is invalid; the defaults apply.</translation>
    </message>
    <message>
      <source>今天没有到期或逾期的事项。</source>
      <translation>Nothing is due or overdue today.</translation>
    </message>
    <message>
      <source>今日工作　截至 {day}</source>
      <translation>Today's work — as of {day}</translation>
    </message>
    <message>
      <source>在册 {active} 名（{categories}）；风险等级：{colours}</source>
      <translation>{active} on the roster ({categories}); risk colours: {colours}</translation>
    </message>
    <message>
      <source>显示 {shown} / 共 {total} 项</source>
      <translation>Showing {shown} of {total}</translation>
    </message>
    <message>
      <source>正在读取今日工作…</source>
      <translation>Reading today's work…</translation>
    </message>
    <message>
      <source>没有符合筛选条件的事项。改选“全部事项”或取消“仅逾期”。</source>
      <translation>No task matches the filter. Choose “All tasks” or untick “Overdue only”.</translation>
    </message>
    <message>
      <source>还没有儿童档案。点击“新建儿童”或“导入台账…”开始。</source>
      <translation>No child files yet. Click “New child” or “Import ledger…” to start.</translation>
    </message>
    <message>
      <source>逾期 {overdue} 项，即将到期 {due} 项。回车办理选中的事项，双击打开档案，右键查看更多操作。</source>
      <translation>{overdue} overdue, {due} due soon. Enter does the chosen task, a double click opens the file, a right click shows more.</translation>
    </message>
  </context>
  <context>
    <name>workload</name>
    <message>
      <source> 次</source>
      <translation> visits</translation>
    </message>
    <message>
      <source>。超出上限的是不能推后的到期走访（含逾期），请尽量安排。</source>
      <translation>. The visits over the limit are due and cannot move later (overdue ones included): fit them in if you can.</translation>
    </message>
    <message>
      <source>仅本周计划</source>
      <translation>This week's plan only</translation>
    </message>
    <message>
      <source>保存</source>
      <translation>Save</translation>
    </message>
    <message>
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>只显示排在本周的走访和联系</source>
      <translation>Show only the visits and contacts planned for this week</translation>
    </message>
    <message>
      <source>每周最多走访</source>
      <translation>At most, per week</translation>
    </message>
    <message>
      <source>每周走访上限</source>
      <translation>Weekly visit limit</translation>
    </message>
    <message>
      <source>每周走访上限…</source>
      <translation>Weekly visit limit…</translation>
    </message>
    <message>
      <source>设了上限，工作台就把到期的走访和联系排进各周，每周不超过上限：红色和重点儿童优先；只会提前（最多提前到期前的提醒天数），不会排到应办日期之后。逾期的仍排在本周，这一周可能超出上限。</source>
      <translation>With a limit, the workbench spreads the due visits and contacts over the weeks, no week above the limit: red and priority children first; a visit only moves earlier (at most by the due-soon warning days), never past its due date. Overdue visits stay in this week, which may then be over the limit.</translation>
    </message>
    <message>
      <source>设定每周最多走访几次，到期的走访按周排开</source>
      <translation>Set the most visits a week; the due visits are spread over the weeks</translation>
    </message>
    <message>
      <source>走访计划（每周最多 {cap} 次）：</source>
      <translation>Visit plan (at most {cap} a week): </translation>
    </message>
    <message>
      <source>走访计划：未设每周上限，按应办日期办理。</source>
      <translation>Visit plan: no weekly limit set; visits follow their due dates.</translation>
    </message>
    <message>
      <source>限制每周走访次数</source>
      <translation>Limit the visits per week</translation>
    </message>
    <message>
      <source>（超出 {over} 次）</source>
      <translation> ({over} over)</translation>
    </message>
    <message>
      <source>，</source>
      <translation>, </translation>
    </message>
  </context>
</TS>
