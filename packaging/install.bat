@echo off
rem recon offline installer: makes a Python venv and installs recon from the wheels in this folder,
rem without the network.  Usage:  install.bat [target folder]   (default C:\recon)
rem Kept as UTF-8 in the repository; build_wheelhouse.py writes the copy in the wheelhouse as GBK with
rem CRLF line ends, which is what cmd.exe reads on Chinese Windows (code page 936).
rem Set RECON_NO_PAUSE=1 to run it unattended.
setlocal EnableExtensions
chcp 936 >nul 2>&1
set "HERE=%~dp0"
set "TARGET=%~1"
if "%TARGET%"=="" set "TARGET=C:\recon"

rem The wheels are built for Python 3.11, 3.12 and 3.13: take the newest of these that is installed.
set "PY="
for %%V in (3.13 3.12 3.11) do (
    if not defined PY (
        py -%%V -c "import sys" >nul 2>&1 && set "PY=py -%%V"
    )
)
if defined PY goto :have_python
python -c "import sys; raise SystemExit(0 if (3, 11) <= sys.version_info[:2] <= (3, 13) else 1)" >nul 2>&1 && set "PY=python"
if defined PY goto :have_python
echo 没有找到 Python 3.11、3.12 或 3.13。
echo 请先安装其中一个版本的 Python（安装时勾选“Add python.exe to PATH”），再运行本文件。
goto :fail

:have_python
echo 使用 %PY% 把 recon 安装到 %TARGET%
if exist "%TARGET%\venv\Scripts\python.exe" goto :have_venv
%PY% -m venv "%TARGET%\venv"
if errorlevel 1 goto :fail

:have_venv
"%TARGET%\venv\Scripts\python.exe" -m pip install --disable-pip-version-check --no-index --find-links "%HERE%." --upgrade recon
if errorlevel 1 goto :fail
"%TARGET%\venv\Scripts\recon.exe" --version
if errorlevel 1 goto :fail
rem A short launcher, so that "C:\recon\recon run ..." works without touching PATH.
> "%TARGET%\recon.bat" echo @"%TARGET%\venv\Scripts\recon.exe" %%*
rem The script Task Scheduler runs each month (see 安装说明.txt).
copy /y "%HERE%monthly_run.bat" "%TARGET%\monthly_run.bat" >nul

echo.
echo 安装完成。每月这样运行（把文件夹换成自己的）：
echo     "%TARGET%\recon" run D:\名册\2020-04 --month 2020-04 --out "%USERPROFILE%\比对结果\2020-04"
echo 先用内置样例数据试一下：
echo     "%TARGET%\recon" run --month 2020-04 --out "%USERPROFILE%\比对结果\样例"
if not "%RECON_NO_PAUSE%"=="1" pause
exit /b 0

:fail
echo.
echo 安装没有完成。请把上面的提示截图发给技术支持。
if not "%RECON_NO_PAUSE%"=="1" pause
exit /b 1
