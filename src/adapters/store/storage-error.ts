// Storage failures (quota, a database another tab holds) in Chinese a supervisor can act on.
/** Storage errors in words a supervisor can act on; the original error is kept as cause. */
export class StorageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export function explainStorageError(err: unknown): StorageError {
  const name = (err as { name?: string })?.name;
  if (name === 'QuotaExceededError') {
    return new StorageError('设备存储空间已满，本次修改未能保存（之前保存的内容不受影响）。请导出并清理旧的检查记录或照片后重试。', {
      cause: err,
    });
  }
  if (name === 'InvalidStateError' || name === 'UnknownError') {
    return new StorageError('本地数据库暂时无法使用，本次修改未能保存。请关闭其他打开本应用的页面后重试。', { cause: err });
  }
  return new StorageError('保存失败，本次修改未能写入设备。请重试。', {
    cause: err,
  });
}
