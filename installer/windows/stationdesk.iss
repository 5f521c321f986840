; Inno Setup script of the stationdesk Windows installer (Inno Setup 6.4 or newer, which ships
; ChineseSimplified.isl; with an older one, drop that file into the compiler's Languages folder).
;
; Build the bundle on Windows first (`pyinstaller --distpath dist installer\stationdesk.spec`),
; then: iscc /DAppVersion=0.1.0 installer\windows\stationdesk.iss
;
; - installs the one-folder bundle into Program Files (an upgrade installs over it: the old
;   _internal folder is removed first, the station is migrated at the next start, after a backup);
; - Start-menu and desktop shortcuts;
; - the uninstaller keeps the station's data unless the user asks, twice, to delete it.
;
; Every file referenced below must exist in the bundle layout: tests/installer checks this
; against installer/layout.py, and `make test-bundle` against a real bundle.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "stationdesk"
#define AppNameZh "社区服务站工作台"
#define BundleDir "..\..\dist\stationdesk"
#define GuiExe "stationdesk.exe"
#define CliExe "stationdesk-cli.exe"

[Setup]
AppId={{6F1C2B7E-4D3A-4B8E-9A51-2C7D0E5B9F14}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppNameZh} {#AppVersion}
AppPublisher=stationdesk
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppNameZh}
DisableProgramGroupPage=yes
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=stationdesk-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\stationdesk.ico
UninstallDisplayIcon={app}\{#GuiExe}
UninstallDisplayName={#AppNameZh} ({#AppName})
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
chinesesimplified.DeleteDataQuestion=是否同时删除本站的全部数据（居民、证明、事项、备份）？%n%n数据位于：%n%1%n%n选择“否”将保留数据，重新安装后可继续使用。
english.DeleteDataQuestion=Also delete all of this station's data (residents, certificates, matters, backups)?%n%nThe data is in:%n%1%n%nChoose No to keep it for a later reinstall.
chinesesimplified.DeleteDataConfirm=删除后无法恢复。确定要永久删除本站数据吗？
english.DeleteDataConfirm=This cannot be undone. Permanently delete the station's data?
chinesesimplified.CommandLine=命令行工具
english.CommandLine=Command line

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; an upgrade replaces the program folder's contents; station data lives elsewhere
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\{#GuiExe}"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#BundleDir}\{#CliExe}"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#BundleDir}\_internal\*"; DestDir: "{app}\_internal"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppNameZh}"; Filename: "{app}\{#GuiExe}"; IconFilename: "{app}\_internal\resources\icons\stationdesk.ico"; Comment: "{#AppName}"
Name: "{group}\{cm:UninstallProgram,{#AppNameZh}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppNameZh}"; Filename: "{app}\{#GuiExe}"; IconFilename: "{app}\_internal\resources\icons\stationdesk.ico"; Tasks: desktopicon

[Run]
Filename: "{app}\{#GuiExe}"; Description: "{cm:LaunchProgram,{#AppNameZh}}"; Flags: nowait postinstall skipifsilent

[Code]
{ The station's data folder: the one chosen in the first-run wizard (remembered in
  data-folder.txt, UTF-8), else the default. Both paths are the ones stationdesk itself uses
  (platformdirs: the user's local app data). }
function StationDataDir(): String;
var
  Lines: TArrayOfString;
begin
  Result := ExpandConstant('{localappdata}\stationdesk\station');
  if LoadStringsFromFile(ExpandConstant('{localappdata}\stationdesk\data-folder.txt'), Lines) then
    if (GetArrayLength(Lines) > 0) and (Trim(Lines[0]) <> '') then
      Result := Trim(Lines[0]);
end;

{ Delete only what stationdesk writes into a station folder, then the folder if it is empty:
  a folder the user chose may hold other files, which are left alone. }
procedure DeleteStationFiles(const Dir: String);
begin
  DeleteFile(Dir + '\station.db');
  DeleteFile(Dir + '\station.db-wal');
  DeleteFile(Dir + '\station.db-shm');
  DeleteFile(Dir + '\station.json');
  DelTree(Dir + '\backups', True, True, True);
  DelTree(Dir + '\logs', True, True, True);
  DelTree(Dir + '\exports', True, True, True);
  RemoveDir(Dir);
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep <> usPostUninstall then
    Exit;
  { A silent uninstall (a script, an upgrade) never deletes data; neither does "No". }
  if UninstallSilent() then
    Exit;
  DataDir := StationDataDir();
  if not DirExists(DataDir) then
    Exit;
  if MsgBox(FmtMessage(CustomMessage('DeleteDataQuestion'), [DataDir]),
            mbConfirmation, MB_YESNO or MB_DEFBUTTON2) <> IDYES then
    Exit;
  if MsgBox(CustomMessage('DeleteDataConfirm'), mbError, MB_YESNO or MB_DEFBUTTON2) <> IDYES then
    Exit;
  DeleteStationFiles(DataDir);
  DelTree(ExpandConstant('{localappdata}\stationdesk\demo-station'), True, True, True);
  DeleteFile(ExpandConstant('{localappdata}\stationdesk\data-folder.txt'));
  RemoveDir(ExpandConstant('{localappdata}\stationdesk'));
end;
