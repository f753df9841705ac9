// Entry of the webview bundle (stub until the chat UI lands).
export {};
