#!/usr/bin/env python3
"""Drives `fte mcp` with the official Python MCP SDK (PyPI package `mcp`), as any MCP client would.

Usage:
  mcp_client.py stdio STEPS_JSON FTE_BINARY [FTE_ARGUMENT...]
  mcp_client.py http STEPS_JSON URL [BEARER_TOKEN]

Connects over stdio (starting `FTE_BINARY FTE_ARGUMENT...` with this process's environment) or over
the streamable HTTP transport (sending `Authorization: Bearer BEARER_TOKEN` when given), initializes
the session, then runs each step of STEPS_JSON, a JSON array of objects:

  {"op": "list_tools"}                      {"op": "call_tool", "name": ..., "arguments": {...}}
  {"op": "list_resources", "cursor": ...}   {"op": "list_resource_templates"}
  {"op": "read_resource", "uri": ...}       {"op": "list_prompts"}
  {"op": "get_prompt", "name": ..., "arguments": {...}}

It prints one JSON line: {"server": {...}, "protocol_version": ..., "instructions": ..., "results": [...]},
one result per step: the SDK's result as JSON (`model_dump`), or {"error": {"code": ..., "message": ...}}
for an MCP error answer. Exit status 0 when the session ran (whatever the steps answered), 1 when it
could not be opened or broke (the reason on standard error).
"""

import asyncio
import json
import os
import sys
from datetime import timedelta

import httpx
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.exceptions import McpError

STEP_TIMEOUT = timedelta(seconds=60)


async def run_step(session, step):
    op = step["op"]
    try:
        if op == "list_tools":
            result = await session.list_tools()
        elif op == "call_tool":
            result = await session.call_tool(step["name"], step.get("arguments"), read_timeout_seconds=STEP_TIMEOUT)
        elif op == "list_resources":
            result = await session.list_resources(step.get("cursor"))
        elif op == "list_resource_templates":
            result = await session.list_resource_templates()
        elif op == "read_resource":
            result = await session.read_resource(step["uri"])
        elif op == "list_prompts":
            result = await session.list_prompts()
        elif op == "get_prompt":
            result = await session.get_prompt(step["name"], step.get("arguments"))
        else:
            raise ValueError(f"unknown step {op}")
    except McpError as error:
        return {"error": {"code": error.error.code, "message": error.error.message}}
    return result.model_dump(mode="json", by_alias=True, exclude_none=True)


async def run_session(read, write, steps):
    async with ClientSession(read, write, read_timeout_seconds=STEP_TIMEOUT) as session:
        initialized = await session.initialize()
        results = [await run_step(session, step) for step in steps]
        return {
            "server": initialized.serverInfo.model_dump(mode="json", exclude_none=True),
            "protocol_version": initialized.protocolVersion,
            "instructions": initialized.instructions,
            "capabilities": initialized.capabilities.model_dump(mode="json", exclude_none=True),
            "results": results,
        }


async def main(argv):
    if len(argv) < 4 or argv[1] not in ("stdio", "http"):
        print(__doc__, file=sys.stderr)
        return 2
    mode, steps = argv[1], json.loads(argv[2])
    if mode == "stdio":
        server = StdioServerParameters(command=argv[3], args=argv[4:], env=dict(os.environ))
        async with stdio_client(server) as (read, write):
            report = await run_session(read, write, steps)
    else:
        headers = {"Authorization": f"Bearer {argv[4]}"} if len(argv) > 4 else {}
        async with httpx.AsyncClient(headers=headers, timeout=httpx.Timeout(60, read=120)) as http:
            async with streamable_http_client(argv[3], http_client=http) as (read, write, _):
                report = await run_session(read, write, steps)
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(asyncio.run(main(sys.argv)))
    except BaseException as error:  # noqa: BLE001 - the test reads the reason
        if isinstance(error, SystemExit):
            raise
        print(f"FAILED: {type(error).__name__}: {error!r}", file=sys.stderr)
        sys.exit(1)
