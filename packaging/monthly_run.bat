@echo off
rem The monthly comparison for Windows Task Scheduler: runs recon on this month's folder of rolls.
rem Usage:  monthly_run.bat <rolls folder> <results folder>
rem   reads  <rolls folder>\YYYY-MM   writes  <results folder>\YYYY-MM   logs to  <results folder>\recon.log
rem An existing month is never overwritten (recon refuses without --force), so a repeated or overlapping
rem run leaves the auditors' workbook alone. Kept as UTF-8 here; the wheelhouse copy is GBK with CRLF.
setlocal EnableExtensions
chcp 936 >nul 2>&1
set "ROLLS=%~1"
set "RESULTS=%~2"
if "%ROLLS%"=="" goto :usage
if "%RESULTS%"=="" goto :usage
rem %DATE% is formatted by the regional settings; PowerShell gives the month the same way everywhere.
for /f %%M in ('powershell -NoProfile -Command "Get-Date -Format yyyy-MM"') do set "MONTH=%%M"
if not exist "%RESULTS%" mkdir "%RESULTS%"
echo %DATE% %TIME% 开始比对 %MONTH% >> "%RESULTS%\recon.log"
"%~dp0venv\Scripts\recon.exe" run "%ROLLS%\%MONTH%" --month %MONTH% --out "%RESULTS%\%MONTH%" >> "%RESULTS%\recon.log" 2>&1
set "CODE=%ERRORLEVEL%"
echo %DATE% %TIME% 结束，退出码 %CODE% >> "%RESULTS%\recon.log"
exit /b %CODE%

:usage
echo 用法：monthly_run.bat 名册文件夹 结果文件夹
echo 例如：monthly_run.bat D:\名册 "%USERPROFILE%\比对结果"
exit /b 2
