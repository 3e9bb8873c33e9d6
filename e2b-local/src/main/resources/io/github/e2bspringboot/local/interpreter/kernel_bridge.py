# Copyright 2026 the original author or authors.
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at
#
#      https://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS,
# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
# See the License for the specific language governing permissions and
# limitations under the License.
"""The code interpreter's bridge: runs inside a sandbox, as its user, and drives the
sandbox's Jupyter kernels (one per context) for the e2b-local server.

The kernels' sockets live in the sandbox's own network namespace, out of the server's
reach, so the server talks to this program instead: one JSON object per line on standard
input (commands) and standard output (events, each naming the request it answers).
Everything else this program or a kernel might print goes to /dev/null, never into the
protocol. Sandbox code can still write into the protocol on purpose (it runs as the
same user), so the server trusts nothing it reads here beyond its own sandbox.

Commands: create {req, id, language, cwd}; execute {req, id, code, env}; cancel {req};
restart {req, id}; remove {req, id}. Events: ready {languages} or fatal {message} once at
start; created / ok / failed {status, message}; for an execution its E2B stream lines
(number_of_executions, stdout, stderr, result, error) and then done.
"""
import json
import os
import queue
import shlex
import subprocess
import sys
import threading
import time

# a result line larger than this is replaced by an error: the server refuses longer lines
MAX_LINE_BYTES = 16 * 1024 * 1024

# an interrupted execution that has not ended after this long gets its kernel restarted
INTERRUPT_GRACE_SECONDS = 10

KERNEL_START_SECONDS = 120

# MIME type to the field of an E2B result; everything else goes to `extra`
RESULT_FIELDS = {
    "text/plain": "text",
    "text/html": "html",
    "text/markdown": "markdown",
    "image/svg+xml": "svg",
    "image/png": "png",
    "image/jpeg": "jpeg",
    "application/pdf": "pdf",
    "text/latex": "latex",
    "application/json": "json",
    "application/javascript": "javascript",
    "e2b/data": "data",
    "e2b/chart": "chart",
}

SETUP_CODE = sys.argv[1] if len(sys.argv) > 1 else ""

_protocol = os.fdopen(os.dup(1), "wb")
_protocol_lock = threading.Lock()


def _silence_standard_output():
    # kernels inherit this program's descriptors: point them away from the protocol
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)


def emit(event):
    line = json.dumps(event, ensure_ascii=True, separators=(",", ":"), default=str).encode("ascii")
    if len(line) >= MAX_LINE_BYTES:
        line = json.dumps({
            "req": event.get("req"), "type": "error", "name": "OutputTooLarge",
            "value": "an output of %d bytes is over the limit of %d and was dropped" % (len(line), MAX_LINE_BYTES),
            "traceback": ""}).encode("ascii")
    with _protocol_lock:
        _protocol.write(line + b"\n")
        _protocol.flush()


def result_event(data, main):
    event = {"type": "result", "is_main_result": main, "extra": {}}
    for mime, value in data.items():
        field = RESULT_FIELDS.get(mime)
        if field is None:
            event["extra"][mime] = value
        elif field == "text" and isinstance(value, str) and len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            event["text"] = value[1:-1]
        else:
            event[field] = value
    return event


def timestamp(header):
    date = header.get("date")
    return date.isoformat() if hasattr(date, "isoformat") else date


def env_snippets(language, env):
    """Code that sets an execution's variables, and code that puts the old values back."""
    names = sorted(env)
    if language == "python":
        return (
            "__import__('builtins').__dict__['_e2b_saved_env'] = {k: __import__('os').environ.get(k) for k in %r}\n"
            "__import__('os').environ.update(%r)" % (names, dict(env)),
            "for _e2b_k, _e2b_v in __import__('builtins').__dict__.pop('_e2b_saved_env', {}).items():\n"
            "    __import__('os').environ.pop(_e2b_k, None) if _e2b_v is None"
            " else __import__('os').environ.__setitem__(_e2b_k, _e2b_v)\n"
            "del _e2b_k, _e2b_v")
    if language == "bash":
        saved = "; ".join("_e2b_saved_%d=${%s-__e2b_unset__}" % (i, n) for i, n in enumerate(names) if n.isidentifier())
        sets = "; ".join("export %s=%s" % (n, shlex.quote(env[n])) for n in names if n.isidentifier())
        restore = "; ".join(
            "if [ \"$_e2b_saved_%d\" = __e2b_unset__ ]; then unset %s; else export %s=\"$_e2b_saved_%d\"; fi"
            % (i, n, n, i) for i, n in enumerate(names) if n.isidentifier())
        return saved + "; " + sets, restore
    if language == "javascript":
        return (
            "globalThis.__e2bSavedEnv = Object.fromEntries(%s.map(k => [k, process.env[k]]));"
            " Object.assign(process.env, %s);" % (json.dumps(names), json.dumps(env)),
            "for (const [k, v] of Object.entries(globalThis.__e2bSavedEnv || {}))"
            " { if (v === undefined) delete process.env[k]; else process.env[k] = v; }"
            " delete globalThis.__e2bSavedEnv;")
    return None


class Job:

    def __init__(self, kind, req, code="", env=None):
        self.kind = kind
        self.req = req
        self.code = code
        self.env = env or {}
        self.cancelled_at = None


class Context:
    """One kernel and the queue of what it runs, one thing at a time."""

    def __init__(self, bridge, context_id, language, kernel_name, cwd):
        self.bridge = bridge
        self.id = context_id
        self.language = language
        self.kernel_name = kernel_name
        self.cwd = cwd
        self.jobs = queue.Queue()
        self.current = None
        self.km = None
        self.kc = None

    def start(self):
        from jupyter_client.manager import KernelManager
        self.km = KernelManager(kernel_name=self.kernel_name)
        extra = ["--InteractiveShell.colors=NoColor"] if self.language == "python" else []
        self.km.start_kernel(cwd=self.cwd, extra_arguments=extra, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=KERNEL_START_SECONDS)
        self.prepare()
        threading.Thread(target=self.work, name="context-" + self.id, daemon=True).start()

    def prepare(self):
        if self.language == "python" and SETUP_CODE:
            # compiled as one module rather than sent as a cell: IPython's cell machinery
            # would take three times as long over a source this size
            self.silent("exec(compile(%r, '<e2b-kernel-setup>', 'exec'), {})" % SETUP_CODE)

    def silent(self, code):
        msg_id = self.kc.execute(code, silent=True, store_history=False)
        self.await_idle(msg_id, None)

    def await_idle(self, msg_id, handle):
        """Read the kernel's messages for one request until the kernel is idle again;
        False when the kernel died or had to be restarted meanwhile."""
        while True:
            try:
                msg = self.kc.get_iopub_msg(timeout=0.5)
            except queue.Empty:
                if not self.km.is_alive():
                    return False
                job = self.current
                if job is not None and job.cancelled_at is not None \
                        and time.monotonic() - job.cancelled_at > INTERRUPT_GRACE_SECONDS:
                    return False
                continue
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            content = msg.get("content", {})
            if msg.get("msg_type") == "status" and content.get("execution_state") == "idle":
                self.drain_shell()
                return True
            if handle is not None:
                handle(msg, content)

    def drain_shell(self):
        while True:
            try:
                self.kc.get_shell_msg(timeout=0)
            except queue.Empty:
                return

    def work(self):
        while True:
            job = self.jobs.get()
            self.current = job
            try:
                if job.kind == "execute":
                    self.execute(job)
                elif job.kind == "restart":
                    self.restart()
                    emit({"req": job.req, "type": "ok"})
                elif job.kind == "remove":
                    self.km.shutdown_kernel(now=True)
                    self.kc.stop_channels()
                    emit({"req": job.req, "type": "ok"})
                    return
            except Exception as ex:  # an answer for every request, whatever failed
                emit({"req": job.req, "type": "failed", "status": 500,
                      "message": "%s: %s" % (type(ex).__name__, ex)})
            finally:
                self.current = None
                self.bridge.forget(job.req)

    def execute(self, job):
        if job.cancelled_at is not None:
            emit({"req": job.req, "type": "done"})
            return
        snippets = env_snippets(self.language, job.env) if job.env else None
        if snippets:
            self.silent(snippets[0])
        state = {"error": False}

        def handle(msg, content):
            kind = msg.get("msg_type")
            if kind == "execute_input":
                emit({"req": job.req, "type": "number_of_executions", "execution_count": content.get("execution_count")})
            elif kind == "stream":
                emit({"req": job.req, "type": "stderr" if content.get("name") == "stderr" else "stdout",
                      "text": content.get("text", ""), "timestamp": timestamp(msg.get("header", {}))})
            elif kind in ("execute_result", "display_data"):
                emit(dict(result_event(content.get("data", {}), kind == "execute_result"), req=job.req))
            elif kind == "error" and not state["error"]:
                state["error"] = True
                emit({"req": job.req, "type": "error", "name": content.get("ename", ""),
                      "value": content.get("evalue", ""), "traceback": "\n".join(content.get("traceback", []))})

        msg_id = self.kc.execute(job.code, store_history=True, allow_stdin=False)
        if self.await_idle(msg_id, handle):
            if snippets:
                self.silent(snippets[1])
        else:
            died = not self.km.is_alive()
            self.restart()
            if not state["error"]:
                emit({"req": job.req, "type": "error", "name": "DeadKernelError" if died else "ExecutionAborted",
                      "value": ("the kernel died during the execution" if died
                                else "the execution ignored the interrupt")
                      + "; it was restarted and its state is lost", "traceback": ""})
        emit({"req": job.req, "type": "done"})

    def restart(self):
        self.km.restart_kernel(now=True)
        self.kc.wait_for_ready(timeout=KERNEL_START_SECONDS)
        self.drain_shell()
        self.prepare()

    def interrupt(self, job):
        job.cancelled_at = time.monotonic()
        if self.current is job:
            try:
                self.km.interrupt_kernel()
            except Exception:
                pass


class Bridge:

    def __init__(self):
        self.contexts = {}
        self.jobs = {}
        self.lock = threading.Lock()
        self.specs = {}

    def find_kernels(self):
        from jupyter_client.kernelspec import KernelSpecManager
        for name, found in KernelSpecManager().get_all_specs().items():
            language = found.get("spec", {}).get("language", "").lower()
            if language and language not in self.specs or name == "python3":
                self.specs[language] = name
        return sorted(self.specs)

    def forget(self, req):
        with self.lock:
            self.jobs.pop(req, None)

    def create(self, req, context_id, language, cwd):
        name = self.specs.get(language)
        if name is None:
            emit({"req": req, "type": "failed", "status": 400,
                  "message": "No Jupyter kernel for '%s' in this sandbox's template (it has kernels for: %s);"
                             " install one in the template to run %s" % (language, ", ".join(sorted(self.specs)),
                                                                         language)})
            return
        context = Context(self, context_id, language, name, cwd)
        try:
            context.start()
        except Exception as ex:
            emit({"req": req, "type": "failed", "status": 500,
                  "message": "the %s kernel did not start: %s: %s" % (language, type(ex).__name__, ex)})
            return
        with self.lock:
            self.contexts[context_id] = context
        emit({"req": req, "type": "created"})

    def submit(self, command):
        req = command.get("req")
        context = self.contexts.get(command.get("id"))
        if context is None:
            emit({"req": req, "type": "failed", "status": 404, "message": "Context %s not found" % command.get("id")})
            return
        kind = command["op"]
        job = Job(kind, req, command.get("code", ""), command.get("env"))
        with self.lock:
            self.jobs[req] = (context, job)
            if kind == "remove":
                self.contexts.pop(context.id, None)
        if kind in ("restart", "remove") and context.current is not None:
            context.interrupt(context.current)
        context.jobs.put(job)

    def cancel(self, req):
        with self.lock:
            found = self.jobs.get(req)
        if found is not None:
            found[0].interrupt(found[1])

    def serve(self):
        for raw in sys.stdin.buffer:
            try:
                command = json.loads(raw)
                op = command["op"]
            except (ValueError, KeyError, TypeError):
                continue
            if op == "create":
                threading.Thread(target=self.create, daemon=True, args=(
                    command.get("req"), command.get("id"), command.get("language"), command.get("cwd"))).start()
            elif op in ("execute", "restart", "remove"):
                self.submit(command)
            elif op == "cancel":
                self.cancel(command.get("req"))
        for context in list(self.contexts.values()):
            try:
                context.km.shutdown_kernel(now=True)
            except Exception:
                pass


def main():
    _silence_standard_output()
    bridge = Bridge()
    try:
        languages = bridge.find_kernels()
    except ImportError as ex:
        emit({"type": "fatal", "message": "this sandbox's template has no Jupyter client for Python 3 (%s);"
                                          " on Debian install python3-jupyter-client and python3-ipykernel" % ex})
        return
    if "python" not in languages:
        emit({"type": "fatal", "message": "this sandbox's template has no Python kernel;"
                                          " on Debian install python3-ipykernel"})
        return
    emit({"type": "ready", "languages": languages})
    bridge.serve()


if __name__ == "__main__":
    main()
