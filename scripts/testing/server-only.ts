// Stand-in for the 'server-only' guard in tests, where there is no client bundle to protect.
export {};
