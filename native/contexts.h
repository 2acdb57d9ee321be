// C++ views of the records laid out in layout.h (generated from src/engine/native/layout.ts).
// The static_asserts fail the build when the structs and the shared table disagree.
#pragma once
#include <cstddef>
#include <cstdint>

#include "layout.h"

namespace zw {

struct ExecContext {
  uintptr_t savedSp;
  uintptr_t stackLimit;
  volatile uint32_t interrupt;
  uint32_t depth;
  uintptr_t exitFn;
  uintptr_t hostCallFn;
  uint64_t* slots;
  uint32_t slotCount;
  uint32_t reserved0;
  uintptr_t faultPc;
  uintptr_t faultAddr;
  void* envState;
};

struct VmContext {
  ExecContext* exec;
  uintptr_t memoryBase;
  uint64_t memorySize;
  uintptr_t globals;
  uintptr_t tables;
  uintptr_t importedFuncs;
  uintptr_t typeIds;
  uintptr_t memories;
  void* hostFuncs;
  uint64_t reserved0;
};

static_assert(offsetof(ExecContext, savedSp) == ZW_EXEC_SAVED_SP, "layout drift");
static_assert(offsetof(ExecContext, stackLimit) == ZW_EXEC_STACK_LIMIT, "layout drift");
static_assert(offsetof(ExecContext, interrupt) == ZW_EXEC_INTERRUPT, "layout drift");
static_assert(offsetof(ExecContext, depth) == ZW_EXEC_DEPTH, "layout drift");
static_assert(offsetof(ExecContext, exitFn) == ZW_EXEC_EXIT_FN, "layout drift");
static_assert(offsetof(ExecContext, hostCallFn) == ZW_EXEC_HOST_CALL_FN, "layout drift");
static_assert(offsetof(ExecContext, slots) == ZW_EXEC_SLOTS, "layout drift");
static_assert(offsetof(ExecContext, slotCount) == ZW_EXEC_SLOT_COUNT, "layout drift");
static_assert(offsetof(ExecContext, faultPc) == ZW_EXEC_FAULT_PC, "layout drift");
static_assert(offsetof(ExecContext, faultAddr) == ZW_EXEC_FAULT_ADDR, "layout drift");
static_assert(offsetof(ExecContext, envState) == ZW_EXEC_ENV_STATE, "layout drift");
static_assert(sizeof(ExecContext) == ZW_SIZEOF_EXEC_CONTEXT, "layout drift");

static_assert(offsetof(VmContext, exec) == ZW_VMCTX_EXEC, "layout drift");
static_assert(offsetof(VmContext, memoryBase) == ZW_VMCTX_MEMORY_BASE, "layout drift");
static_assert(offsetof(VmContext, memorySize) == ZW_VMCTX_MEMORY_SIZE, "layout drift");
static_assert(offsetof(VmContext, globals) == ZW_VMCTX_GLOBALS, "layout drift");
static_assert(offsetof(VmContext, tables) == ZW_VMCTX_TABLES, "layout drift");
static_assert(offsetof(VmContext, importedFuncs) == ZW_VMCTX_IMPORTED_FUNCS, "layout drift");
static_assert(offsetof(VmContext, typeIds) == ZW_VMCTX_TYPE_IDS, "layout drift");
static_assert(offsetof(VmContext, memories) == ZW_VMCTX_MEMORIES, "layout drift");
static_assert(offsetof(VmContext, hostFuncs) == ZW_VMCTX_HOST_FUNCS, "layout drift");
static_assert(sizeof(VmContext) == ZW_SIZEOF_VM_CONTEXT, "layout drift");

}  // namespace zw
