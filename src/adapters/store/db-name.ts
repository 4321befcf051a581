// The database's name in its own module, so light readers don't import the idb library.
export const DB_NAME = 'wuye-handbook';
