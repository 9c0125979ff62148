;;; contpaqi-upgrade.el --- contpaqi-upgrade from Emacs Lisp, with jsonrpc.el -*- lexical-binding: t -*-
;; jsonrpc.el (built into Emacs 27 and later) frames messages with Content-Length headers,
;; which the service detects on its own. The service speaks LSP's framing, not LSP: no
;; `initialize', just its own methods.
;;   emacs --batch -l contpaqi-upgrade.el
(require 'jsonrpc)

(defun contpaqi-upgrade-connect ()
  "Spawn contpaqi-upgrade and return a jsonrpc connection to it over its stdio."
  (make-instance
   'jsonrpc-process-connection
   :name "contpaqi-upgrade"
   :process (make-process :name "contpaqi-upgrade"
                          :command (list (or (getenv "CONTPAQI_UPGRADE_BIN") "contpaqi-upgrade"))
                          :connection-type 'pipe :coding 'utf-8-emacs-unix :noquery t
                          :stderr (get-buffer-create " *contpaqi-upgrade stderr*"))))

(let ((conn (contpaqi-upgrade-connect)))
  (unwind-protect
      (let ((eligibility (jsonrpc-request conn :checkEligibility
                                          '(:purchaseDate "2011-08-15" :systemType "nominas")))
            ;; nil params go out as "params": null, which means none.
            (catalog (jsonrpc-request conn :getCatalog nil))
            (quote (jsonrpc-request conn :quoteSupport '(:plan "annual" :systems 2 :date "2012-01-10"))))
        (princ (format "%s: %s\n" (plist-get eligibility :systemType) (plist-get eligibility :reason)))
        (princ (format "target version %s\n" (plist-get catalog :targetVersion)))
        (princ (format "annual x2 in January: %s %s\n" (plist-get quote :total) (plist-get quote :currency))))
    (jsonrpc-shutdown conn)))
