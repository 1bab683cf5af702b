; Inno Setup script for the Windows installer (run on Windows after packaging\build.py):
;   iscc packaging\windows\childcare.iss
; Installs per user (no administrator needed on a village office laptop); the store lives
; in the user's data folder and is never touched by uninstalling.

#define AppName "儿童主任工作台"
#define AppVersion "0.1.0"

[Setup]
AppId={{6B4E1C2E-2E8A-4C35-9C1B-5D2F0A7E3C11}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=childcare-desktop
DefaultDirName={localappdata}\Programs\childcare
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
OutputDir=..\..\dist
OutputBaseFilename=childcare-setup-{#AppVersion}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x86compatible x64compatible
UninstallDisplayName={#AppName}

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\..\dist\childcare\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\childcare.exe"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\childcare.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Run]
Filename: "{app}\childcare.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
